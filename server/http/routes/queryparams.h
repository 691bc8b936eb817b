// Query parameters shared by the taxonomy and profile routes: the language, and strictness.
#pragma once

#include "server/domain/taxonomy/localizednames.h"
#include "server/http/httpmessage.h"

#include <QStringList>

namespace skillex::server {

// ?lang= en, de, it or hi (default en). Throws DomainError 400 for any other value.
Language languageParam(const HttpRequest &request);
// Throws DomainError 400 naming each query parameter not in allowed (API.md: never ignored).
void rejectUnknownParams(const HttpRequest &request, const QStringList &allowed);

} // namespace skillex::server
