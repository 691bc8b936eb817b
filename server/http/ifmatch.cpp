// One parser for If-Match, so every versioned endpoint answers 428 and 412 alike.
#include "server/http/ifmatch.h"

#include "protocol/problem.h"
#include "server/domain/domainerror.h"
#include "server/http/requestcontext.h"

namespace skillex::server {

VersionPrecondition requireIfMatch(const RequestContext &ctx, const QString &etagSource)
{
    const QByteArray header = ctx.request().header("if-match").trimmed();
    if (header.isEmpty())
        throw DomainError(428, protocol::problemtype::kPreconditionRequired,
                          QStringLiteral("Precondition required"),
                          QStringLiteral("Send If-Match with the ETag from %1.").arg(etagSource));
    VersionPrecondition p;
    for (const QByteArray &raw : header.split(',')) {
        const QByteArray tag = raw.trimmed();
        if (tag == "*") {
            p.any = true;
        } else if (tag.size() >= 3 && tag.startsWith('"') && tag.endsWith('"')) {
            bool ok = false;
            const qint64 v = tag.mid(1, tag.size() - 2).toLongLong(&ok);
            if (ok)
                p.versions.push_back(v);
        }
    }
    return p;
}

} // namespace skillex::server
