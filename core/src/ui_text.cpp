#include "ketascreen/ui_text.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace ketascreen {
namespace {

struct Entry {
  std::string_view key, en, es;
};

constexpr std::array<Entry, 121> kStrings{{
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
    // The result's flags in two groups: contraindications (absolute) and cautions (relative, "Not sure").
    {"outcome.contraindications", "Reasons to wait", "Motivos para esperar"},
    {"outcome.cautions", "Things to discuss with a provider", "Temas para hablar con un profesional"},
    {"outcome.your_answer", "You answered \u201c{answer}\u201d to: {question}", "Usted respondió \u201c{answer}\u201d a: {question}"},
    {"outcome.read", "Read: {title}", "Leer: {title}"},
    {"outcome.request", "Request a consultation", "Solicitar una consulta"},
    {"outcome.call", "Call the clinic: {phone}", "Llame a la clínica: {phone}"},
    {"outcome.questions_call", "If you have questions, the clinic is glad to talk with you.",
     "Si tiene preguntas, la clínica con gusto hablará con usted."},
    {"outcome.answer_remaining", "Answer the remaining questions", "Responder las preguntas que faltan"},
    {"outcome.change_answers", "Change my answers", "Cambiar mis respuestas"},
    // A shared device (a clinic's tablet, a family computer): everything goes, back to question 1.
    {"outcome.clear", "Clear my answers", "Borrar mis respuestas"},
    {"outcome.print", "Print my result", "Imprimir mi resultado"},
    {"outcome.copy", "Copy my result as text", "Copiar mi resultado como texto"},
    {"outcome.copied", "Your result was copied.", "Se copió su resultado."},
    {"referral.back_to_result", "Back to my result", "Volver a mi resultado"},
    {"referral.start_over", "Start over", "Empezar de nuevo"},
    // The summary above the form after a Send with mistakes; {fields} are the short names below.
    {"referral.fix_one", "Please fix 1 field: {fields}.", "Corrija 1 campo: {fields}."},
    {"referral.fix_many", "Please fix {count} fields: {fields}.", "Corrija {count} campos: {fields}."},
    {"referral.field_name", "Name", "Nombre"},
    {"referral.field_time", "Contact time", "Horario de contacto"},
    {"referral.field_consent", "Consent", "Consentimiento"},
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
    // In a provider network the request goes to a provider, not to the network's own clinic.
    {"referral.intro_network",
     "Leave your details and the provider will contact you. Nothing is sent until you press Send.",
     "Deje sus datos y el proveedor se comunicará con usted. No se envía nada hasta que oprima Enviar."},
    {"referral.time_network", "When may the provider contact you?", "¿Cuándo puede comunicarse el proveedor con usted?"},
    {"referral.sent_body_network",
     "Thank you. The provider will contact you at the time you chose; if they cannot see you, your request goes on to "
     "the next provider near you. This is not an appointment yet; a qualified provider will review your answers with you.",
     "Gracias. El proveedor se comunicará con usted en el horario que eligió; si no puede atenderle, su solicitud pasa al "
     "siguiente proveedor cerca de usted. Todavía no es una cita; un profesional calificado revisará sus respuestas con usted."},
    {"referral.sent_to_nearest", "Your request went to the provider near you who can see you soonest.",
     "Su solicitud se envió al proveedor cercano que pueda atenderle primero."},
    {"referral.send", "Send request", "Enviar solicitud"},
    {"referral.sending", "Sending\u2026", "Enviando\u2026"},
    {"referral.status_sending", "Sending your request\u2026", "Enviando su solicitud\u2026"},
    {"referral.status_retrying", "The clinic could not be reached. Trying again in {seconds} s; your details are kept.",
     "No se pudo contactar a la clínica. Se intentará de nuevo en {seconds} s; sus datos se conservan."},
    {"referral.status_offline",
     "You are offline. Your request will be sent as soon as the connection is back; your details are kept.",
     "No hay conexión. Su solicitud se enviará en cuanto vuelva la conexión; sus datos se conservan."},
    {"referral.status_failed_network",
     "The request could not be sent. Your details are kept: please try again, or call the clinic.",
     "No se pudo enviar la solicitud. Sus datos se conservan: inténtelo de nuevo o llame a la clínica."},
    {"referral.status_failed_server",
     "The clinic\u2019s system is not answering right now (error {status}). Your details are kept: please try again later, or call the clinic.",
     "El sistema de la clínica no responde en este momento (error {status}). Sus datos se conservan: inténtelo más tarde o llame a la clínica."},
    {"referral.status_failed_http",
     "The clinic could not accept the request (error {status}). Please check your details, or call the clinic.",
     "La clínica no pudo aceptar la solicitud (error {status}). Revise sus datos o llame a la clínica."},
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
    {"outcome.find_providers", "Find a provider near you", "Buscar un proveedor cerca de usted"},
    {"referral.provider_chosen", "Your request goes to {provider}.", "Su solicitud se enviará a {provider}."},
    {"referral.provider_nearest", "Your request goes to whichever provider near you can see you soonest.",
     "Su solicitud se enviará al proveedor cercano que pueda atenderle primero."},
    {"referral.choose_provider", "Choose a provider near you", "Elegir un proveedor cerca de usted"},
    {"referral.change_provider", "Choose a different provider", "Elegir otro proveedor"},
    {"referral.sent_to", "Your request went to {provider}.", "Su solicitud se envió a {provider}."},
    {"providers.title", "Providers near you", "Proveedores cerca de usted"},
    {"providers.intro",
     "Your ZIP code shows who is near you. It stays on this device until you send your request.",
     "Su código postal muestra quién está cerca de usted. No sale de este dispositivo hasta que envíe su solicitud."},
    {"providers.zip", "Your ZIP code", "Su código postal"},
    {"providers.service", "What are you looking for?", "¿Qué busca?"},
    {"providers.service_any", "Any treatment", "Cualquier tratamiento"},
    {"providers.list", "Who should receive your request?", "¿Quién debe recibir su solicitud?"},
    {"providers.status_enter_zip", "Enter your 5-digit ZIP code to see the providers near you.",
     "Escriba su código postal de 5 dígitos para ver los proveedores cerca de usted."},
    {"providers.status_near_one", "1 provider near you. Distances are approximate.",
     "1 proveedor cerca de usted. Las distancias son aproximadas."},
    {"providers.status_near", "{count} providers near you, nearest first. Distances are approximate.",
     "{count} proveedores cerca de usted, del más cercano al más lejano. Las distancias son aproximadas."},
    {"providers.status_telehealth",
     "No provider is within {radius} miles of your ZIP code. These providers can see you by telehealth in {state}.",
     "Ningún proveedor está a menos de {radius} millas de su código postal. Estos proveedores pueden atenderle por telesalud en {state}."},
    {"providers.status_telehealth_one",
     "No provider is within {radius} miles of your ZIP code. This provider can see you by telehealth in {state}.",
     "Ningún proveedor está a menos de {radius} millas de su código postal. Este proveedor puede atenderle por telesalud en {state}."},
    {"providers.status_none",
     "No provider in the network is near your ZIP code. Please call {phone}: we will help you find one.",
     "Ningún proveedor de la red está cerca de su código postal. Llame al {phone}: le ayudaremos a encontrar uno."},
    {"providers.call", "Call {phone}", "Llame al {phone}"},
    {"providers.miles_under_one", "Less than 1 mile away", "A menos de 1 milla"},
    {"providers.miles_one", "About 1 mile away", "A 1 milla aproximadamente"},
    {"providers.miles", "About {miles} miles away", "A unas {miles} millas"},
    {"providers.telehealth_only", "Telehealth only, licensed in {states}", "Solo telesalud, con licencia en {states}"},
    {"providers.by_telehealth", "By telehealth (licensed in {state})", "Por telesalud (con licencia en {state})"},
    {"providers.offers", "Offers: {list}", "Ofrece: {list}"},
    {"providers.languages", "Languages: {list}", "Idiomas: {list}"},
    {"providers.insurance_yes", "Takes insurance", "Acepta seguro médico"},
    {"providers.insurance_no", "Self-pay only (no insurance)", "Solo pago particular (no acepta seguro)"},
    {"providers.nearest", "Whichever provider can see me soonest", "El proveedor que pueda atenderme primero"},
    {"providers.continue", "Continue to your request", "Continuar con su solicitud"},
    {"service.iv_ketamine", "IV ketamine", "Ketamina intravenosa"},
    {"service.esketamine", "Esketamine (Spravato)", "Esketamina (Spravato)"},
    {"service.kap", "Ketamine-assisted therapy", "Terapia asistida con ketamina"},
    {"service.telehealth", "Telehealth", "Telesalud"},
    {"language.en", "English", "inglés"},
    {"language.es", "Spanish", "español"},
    {"language.zh", "Chinese", "chino"},
    {"language.vi", "Vietnamese", "vietnamita"},
    {"language.ko", "Korean", "coreano"},
    {"language.tl", "Tagalog", "tagalo"},
    {"language.ar", "Arabic", "árabe"},
    {"language.fr", "French", "francés"},
    {"language.ru", "Russian", "ruso"},
    {"language.pt", "Portuguese", "portugués"},
    {"language.de", "German", "alemán"},
    {"language.ht", "Haitian Creole", "criollo haitiano"},
    {"language.so", "Somali", "somalí"},
    {"language.hi", "Hindi", "hindi"},
}};

}  // namespace

std::vector<std::string_view> ui_text_keys() {
  std::vector<std::string_view> keys;
  keys.reserve(kStrings.size());
  for (const auto& e : kStrings) keys.push_back(e.key);
  return keys;
}

std::string format_date(std::string_view iso, std::string_view locale) {
  // Month names are ours (no locale library in the wasm): English and Spanish, as ui_text.
  static constexpr const char* kMonths[2][12] = {
      {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
       "December"},
      {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
       "diciembre"}};
  // Digits where YYYY-MM-DD has them; anything else is shown as written rather than guessed at.
  bool ok = iso.size() == 10 && iso[4] == '-' && iso[7] == '-';
  for (size_t i = 0; ok && i < iso.size(); ++i) ok = i == 4 || i == 7 || (iso[i] >= '0' && iso[i] <= '9');
  const int month = ok ? (iso[5] - '0') * 10 + (iso[6] - '0') : 0;
  const int day = ok ? (iso[8] - '0') * 10 + (iso[9] - '0') : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso);
  const std::string_view d = iso.substr(day < 10 ? 9 : 8), year = iso.substr(0, 4);  // "6", not "06"
  std::string out;
  if (locale == "es") {
    out.append(d).append(" de ").append(kMonths[1][month - 1]).append(" de ").append(year);
  } else {
    out.append(kMonths[0][month - 1]).append(" ").append(d).append(", ").append(year);
  }
  return out;
}

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
