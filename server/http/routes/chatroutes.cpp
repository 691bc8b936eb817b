// Member chat over HTTP: attachments (raw uploads typed by content), conversations, messages.
#include "server/http/routes/routes.h"

#include "protocol/decode.h"
#include "server/domain/chat/attachments.h"
#include "server/domain/chat/attachmenttype.h"
#include "server/domain/chat/chat.h"
#include "server/domain/domainerror.h"
#include "server/http/listquery.h"
#include "server/http/requestcontext.h"

#include <QJsonArray>

#include <limits>

namespace skillex::server {
namespace {

using namespace protocol;

qint64 memberId(const RequestContext &ctx)
{
    return ctx.memberId(QStringLiteral("Only member accounts use chat."));
}

DomainError badCursor()
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid query parameters"))
        .withFieldErrors(
            {{QStringLiteral("after"), QStringLiteral("is not a cursor this server gave out")}});
}

std::optional<ConversationCursor> conversationCursor(const ListQuery &q)
{
    if (!q.after())
        return std::nullopt;
    const QStringList parts = q.after()->split(QLatin1Char(':'));
    bool okTime = false;
    bool okId = false;
    ConversationCursor c;
    if (parts.size() == 2) {
        c.lastMessageAt = parts.at(0).toLongLong(&okTime);
        c.id = parts.at(1).toLongLong(&okId);
    }
    if (!okTime || !okId)
        throw badCursor();
    return c;
}

// {body, attachments: [{sha256, file_name}]}; the domain checks lengths and counts.
std::pair<QString, QList<NewAttachment>> readMessage(const QJsonObject &json, bool withFiles)
{
    FieldReader r(json);
    const QString body = r.requiredString(QStringLiteral("body"), Chat::kMaxBodyLength);
    QList<NewAttachment> files;
    const QJsonValue list = json.value(QStringLiteral("attachments"));
    if (withFiles && !list.isUndefined() && !list.isNull()) {
        if (!list.isArray()) {
            r.fail(QStringLiteral("attachments"), QStringLiteral("must be a list"));
        } else if (list.toArray().size() > Chat::kMaxAttachments) {
            r.fail(QStringLiteral("attachments"),
                   QStringLiteral("must have at most %1 items").arg(Chat::kMaxAttachments));
        } else {
            const QJsonArray array = list.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QString key = QStringLiteral("attachments[%1]").arg(i);
                if (!array.at(i).isObject()) {
                    r.fail(key, QStringLiteral("must be an object {sha256, file_name}"));
                    continue;
                }
                FieldReader item(array.at(i).toObject());
                NewAttachment a;
                a.sha256 = item.requiredString(QStringLiteral("sha256"), 64);
                a.fileName =
                    item.requiredString(QStringLiteral("file_name"), Chat::kMaxFileNameLength);
                item.rejectUnknown({QStringLiteral("sha256"), QStringLiteral("file_name")});
                for (auto it = item.errors().begin(); it != item.errors().end(); ++it)
                    r.fail(key + QLatin1Char('.') + it.key(), it.value());
                files.push_back(a);
            }
        }
    }
    r.rejectUnknown(withFiles ? QStringList{QStringLiteral("body"), QStringLiteral("attachments")}
                              : QStringList{QStringLiteral("body")});
    requireValid(r, QStringLiteral("Invalid message"));
    return {body, files};
}

QJsonArray messagesJson(const QList<Message> &messages, int limit)
{
    QJsonArray items;
    for (qsizetype i = 0; i < messages.size() && i < limit; ++i)
        items.push_back(messages.at(i).toJson());
    return items;
}

} // namespace

void registerChatRoutes(Router &router, Services &services)
{
    using M = QHttpServerRequest::Method;
    auto &attachments = services.keep(std::make_shared<Attachments>(
        services.db, services.clock, services.events, services.config));
    auto &chat =
        services.keep(std::make_shared<Chat>(services.db, services.clock, services.events));

    // The body is the file itself; its type is judged by content, whatever Content-Type says.
    router.addUpload(M::Post, QStringLiteral("/api/v1/attachments"), Access::signedIn(),
                     [&attachments](RequestContext &ctx) {
                         const qint64 me = memberId(ctx);
                         return HttpResponse::json(
                             201, attachments.upload(me, ctx.request().body).toJson());
                     });
    router.add(M::Get, QStringLiteral("/api/v1/attachments/{sha256}"), Access::signedIn(),
               [&attachments](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   const AttachmentContent file =
                       attachments.download(me, ctx.arguments().value(0));
                   HttpResponse r;
                   r.status = 200;
                   r.contentType = file.mime.toLatin1();
                   r.body = file.data;
                   // Always a download, never rendered by a browser in the API's origin.
                   r.headers = {{"Content-Disposition",
                                 QStringLiteral("attachment; filename=\"%1.%2\"")
                                     .arg(file.sha256.left(16), chat::extensionFor(file.mime))
                                     .toLatin1()},
                                {"X-Content-Type-Options", "nosniff"},
                                {"ETag", "\"" + file.sha256.toLatin1() + "\""}};
                   return r;
               });

    router.add(M::Post, QStringLiteral("/api/v1/conversations"), Access::signedIn(),
               [&chat](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   FieldReader r(ctx.jsonObject());
                   const qint64 other = r.requiredInteger(QStringLiteral("member_id"), 1,
                                                          std::numeric_limits<qint64>::max());
                   r.rejectUnknown({QStringLiteral("member_id")});
                   requireValid(r, QStringLiteral("Invalid conversation"));
                   const auto [conversation, created] = chat.open(me, other);
                   return HttpResponse::json(created ? 201 : 200, conversation.toJson());
               });
    router.add(M::Get, QStringLiteral("/api/v1/conversations"), Access::signedIn(),
               [&chat](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   const ListQuery q(ctx.request(), {});
                   const auto rows = chat.conversations(me, conversationCursor(q), q.limit());
                   QJsonArray items;
                   for (qsizetype i = 0; i < rows.size() && i < q.limit(); ++i)
                       items.push_back(rows.at(i).toJson());
                   std::optional<QString> next;
                   if (rows.size() > q.limit()) {
                       const Conversation &last = rows.at(q.limit() - 1);
                       next = QStringLiteral("%1:%2").arg(last.lastMessageAt).arg(last.id);
                   }
                   return HttpResponse::json(200, ListQuery::page(items, next));
               });
    router.add(
        M::Get, QStringLiteral("/api/v1/conversations/{id}/messages"), Access::signedIn(),
        [&chat](RequestContext &ctx) {
            const qint64 me = memberId(ctx);
            const qint64 conversation = ctx.idArgument(0);
            const ListQuery q(ctx.request(), {QStringLiteral("order")});
            const QString order = q.value(QStringLiteral("order")).value_or(QStringLiteral("asc"));
            if (order != QStringLiteral("asc") && order != QStringLiteral("desc"))
                throw DomainError(400, problemtype::kValidation,
                                  QStringLiteral("Invalid query parameters"))
                    .withFieldErrors(
                        {{QStringLiteral("order"), QStringLiteral("must be asc or desc")}});
            std::optional<qint64> after;
            if (q.after()) {
                bool ok = false;
                after = q.after()->toLongLong(&ok);
                if (!ok || *after < 0)
                    throw badCursor();
            }
            const auto rows =
                chat.messages(me, conversation, after, order == QStringLiteral("desc"), q.limit());
            std::optional<QString> next;
            if (rows.size() > q.limit())
                next = QString::number(rows.at(q.limit() - 1).id);
            return HttpResponse::json(200, ListQuery::page(messagesJson(rows, q.limit()), next));
        });
    router.add(M::Post, QStringLiteral("/api/v1/conversations/{id}/messages"), Access::signedIn(),
               [&chat](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   const qint64 conversation = ctx.idArgument(0);
                   const auto [body, files] = readMessage(ctx.jsonObject(), true);
                   return HttpResponse::json(201,
                                             chat.send(me, conversation, body, files).toJson());
               });
    router.add(M::Patch, QStringLiteral("/api/v1/messages/{id}"), Access::signedIn(),
               [&chat](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   const qint64 message = ctx.idArgument(0);
                   const QString body = readMessage(ctx.jsonObject(), false).first;
                   return HttpResponse::json(200, chat.edit(me, message, body).toJson());
               });
    router.add(M::Delete, QStringLiteral("/api/v1/messages/{id}"), Access::signedIn(),
               [&chat](RequestContext &ctx) {
                   const qint64 me = memberId(ctx);
                   chat.remove(me, ctx.idArgument(0));
                   return HttpResponse::noContent();
               });
}

} // namespace skillex::server
