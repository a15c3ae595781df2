#include "ketascreen/ui_text.hpp"

#include <algorithm>
#include <array>

namespace ketascreen {
namespace {

struct Entry {
  std::string_view key, en, es;
};

constexpr std::array<Entry, 57> kStrings{{
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
    {"answer.yes", "Yes", "Sí"},
    {"answer.no", "No", "No"},
    {"checklist.progress", "Question {n} of {total}", "Pregunta {n} de {total}"},
    {"checklist.back", "Back", "Atrás"},
    {"checklist.next", "Next", "Siguiente"},
    {"checklist.finish", "See my result", "Ver mi resultado"},
    {"checklist.number", "Your answer", "Su respuesta"},
    {"checklist.number_invalid", "Please enter a number, such as 42.", "Escriba un número, como 42."},
    {"checklist.number_range", "Please enter a number from {min} to {max}.", "Escriba un número entre {min} y {max}."},
    {"crisis.title", "Help is available right now", "Hay ayuda disponible ahora mismo"},
    {"outcome.why", "Why", "Por qué"},
    {"outcome.your_answer", "You answered \u201c{answer}\u201d to: {question}", "Usted respondió \u201c{answer}\u201d a: {question}"},
    {"outcome.read", "Read: {title}", "Leer: {title}"},
    {"outcome.no_flags", "Nothing in your answers rules out ketamine therapy.",
     "Nada en sus respuestas descarta la terapia con ketamina."},
    {"outcome.request", "Request a consultation", "Solicitar una consulta"},
    {"outcome.call", "Call the clinic: {phone}", "Llame a la clínica: {phone}"},
    {"outcome.questions_call", "If you have questions, the clinic is glad to talk with you.",
     "Si tiene preguntas, la clínica con gusto hablará con usted."},
    {"outcome.answer_remaining", "Answer the remaining questions", "Responder las preguntas que faltan"},
    {"outcome.change_answers", "Change my answers", "Cambiar mis respuestas"},
    {"referral.title", "Request a consultation", "Solicitar una consulta"},
    {"referral.intro", "Leave your details and the clinic will contact you. Nothing is sent until you press Send.",
     "Deje sus datos y la clínica se comunicará con usted. No se envía nada hasta que oprima Enviar."},
    {"referral.name", "Your name", "Su nombre"},
    {"referral.contact_hint", "Give a phone number, an email address, or both.",
     "Indique un teléfono, un correo electrónico o ambos."},
    {"referral.phone", "Phone", "Teléfono"},
    {"referral.email", "Email", "Correo electrónico"},
    {"referral.zip", "ZIP code", "Código postal"},
    {"referral.time", "When may the clinic contact you?", "¿Cuándo puede comunicarse la clínica con usted?"},
    {"referral.send", "Send request", "Enviar solicitud"},
    {"referral.sending", "Sending\u2026", "Enviando\u2026"},
    {"referral.status_sending", "Sending your request\u2026", "Enviando su solicitud\u2026"},
    {"referral.status_retrying", "The clinic could not be reached. Trying again in {seconds} s; your details are kept.",
     "No se pudo contactar a la clínica. Se intentará de nuevo en {seconds} s; sus datos se conservan."},
    {"referral.status_offline",
     "You are offline. Your request will be sent as soon as the connection is back; your details are kept.",
     "No hay conexión. Su solicitud se enviará en cuanto vuelva la conexión; sus datos se conservan."},
    {"referral.status_failed_network",
     "The request could not be sent. Your details are kept: please try again, or call {phone}.",
     "No se pudo enviar la solicitud. Sus datos se conservan: inténtelo de nuevo o llame al {phone}."},
    {"referral.status_failed_http",
     "The clinic could not accept the request (error {status}). Please check your details, or call {phone}.",
     "La clínica no pudo aceptar la solicitud (error {status}). Revise sus datos o llame al {phone}."},
    {"referral.sent_title", "Request sent", "Solicitud enviada"},
    {"referral.sent_body",
     "Thank you. {clinic} will contact you at the time you chose. This is not an appointment yet; a qualified provider will review your answers with you.",
     "Gracias. {clinic} se comunicará con usted en el horario que eligió. Todavía no es una cita; un profesional calificado revisará sus respuestas con usted."},
    {"referral.call_instead", "Prefer to talk? Call {phone}", "¿Prefiere hablar? Llame al {phone}"},
    {"referral.not_offered_not_suitable",
     "A consultation request is not offered for this result. Please talk with your own doctor, or call the clinic with questions.",
     "Para este resultado no se ofrece una solicitud de consulta. Hable con su médico o llame a la clínica si tiene preguntas."},
    {"referral.back", "Back", "Atrás"},
    {"nav.articles", "Learn about ketamine therapy", "Información sobre la terapia con ketamina"},
    {"nav.back", "Back", "Atrás"},
    {"nav.back_to_check", "Back to the questions", "Volver a las preguntas"},
    {"articles.title", "Learn about ketamine therapy", "Información sobre la terapia con ketamina"},
    {"articles.all", "All articles", "Todos los artículos"},
    {"articles.reviewed", "Reviewed by {who} on {date}", "Revisado por {who} el {date}"},
    {"articles.sources", "Sources", "Fuentes"},
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

std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        const auto* match = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        if (match != values.end()) {
          out += match->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace ketascreen
