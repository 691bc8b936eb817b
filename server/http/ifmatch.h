// The If-Match header of an update, parsed once for every versioned resource of the API.
#pragma once

#include "server/domain/versionprecondition.h"

#include <QString>

namespace skillex::server {

class RequestContext;

// RFC 9110: "*" or a list of strong entity tags "\"<version>\""; weak or unparseable tags match
// nothing, so the caller gets 412 with the current version to retry from. Throws DomainError
// 428 when the header is missing; etagSource names where the ETag comes from ("GET /x/{id}").
VersionPrecondition requireIfMatch(const RequestContext &ctx, const QString &etagSource);

} // namespace skillex::server
