// The admin moderation area's route files and what they share: the domain services (made once
// by registerAdminCaseRoutes) and the request helpers (the staff actor, If-Match, reasons).
#pragma once

#include "protocol/decode.h"
#include "server/domain/moderation/banapprovals.h"
#include "server/domain/moderation/cannedreasons.h"
#include "server/domain/moderation/casedetail.h"
#include "server/domain/moderation/casequeue.h"
#include "server/domain/moderation/casework.h"
#include "server/domain/moderation/membersanctions.h"
#include "server/domain/moderation/staffactor.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"
#include "server/http/services.h"

namespace skillex::server {

struct ModerationAreas {
    Services &services;
    CaseQueue &queue;
    CaseDetail &detail;
    CaseWork &work;
    BanApprovals &bans;
    MemberSanctions &members;
    CannedReasons &reasons;
};

StaffActor staffActor(const RequestContext &ctx);
// If-Match (RFC 9110): 428 when missing, naming where the ETag comes from.
VersionMatch requireIfMatch(const RequestContext &ctx, const QString &where);
HttpResponse withEtag(HttpResponse response, qint64 version);
// A reason for a sanction outside a case: {reason} 1..2000 characters, required.
QString requiredReason(protocol::FieldReader &reader);

void addCaseQueueRoutes(Router &router, const ModerationAreas &areas);
void addCaseActionRoutes(Router &router, const ModerationAreas &areas);
void addSanctionRoutes(Router &router, const ModerationAreas &areas);
void addCannedReasonRoutes(Router &router, const ModerationAreas &areas);

} // namespace skillex::server
