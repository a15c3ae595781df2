#include "ketascreen/ui_text.hpp"

#include <array>

namespace ketascreen {
namespace {

struct Entry {
  std::string_view key, en, es;
};

constexpr std::array<Entry, 15> kStrings{{
    {"referral.name_required", "Please enter your name.", "Escriba su nombre."},
    {"referral.name_too_long", "Please use at most 100 characters.", "Use como máximo 100 caracteres."},
    {"referral.contact_required", "Please give a phone number or an email address.",
     "Indique un número de teléfono o un correo electrónico."},
    {"referral.phone_invalid", "Please enter a 10-digit US phone number, such as (555) 201-0142.",
     "Escriba un número de EE. UU. de 10 dígitos, como (555) 201-0142."},
    {"referral.email_invalid", "Please enter an email address such as name@example.com.",
     "Escriba un correo electrónico como nombre@example.com."},
    {"referral.zip_invalid", "Please enter a 5-digit ZIP code.", "Escriba un código postal de 5 dígitos."},
    {"referral.time_required", "Please choose when we may contact you.", "Elija cuándo podemos comunicarnos con usted."},
    {"referral.consent_required", "Please tick the box to agree before sending.",
     "Marque la casilla para aceptar antes de enviar."},
    {"referral.not_offered_urgent", "A referral is not offered here: please use the crisis resources shown.",
     "Aquí no se ofrece una solicitud: use los recursos de crisis que se muestran."},
    {"referral.not_offered_incomplete", "Please answer the remaining questions first.",
     "Primero responda las preguntas que faltan."},
    {"disclaimer.short", "A screening aid, not a diagnosis. A qualified provider decides.",
     "Es una ayuda de evaluación, no un diagnóstico. Decide un profesional calificado."},
    {"fallback.call", "Please call the clinic", "Llame a la clínica"},
    {"fallback.not_loaded", "The screening could not be loaded.", "No se pudo cargar la evaluación."},
    {"answer.yes", "Yes", "Sí"},
    {"answer.no", "No", "No"},
}};

}  // namespace

std::string_view ui_text(std::string_view key, std::string_view locale) {
  for (const auto& e : kStrings) {
    if (e.key != key) continue;
    if (locale == "es") return e.es;
    return e.en;
  }
  return key;
}

}  // namespace ketascreen
