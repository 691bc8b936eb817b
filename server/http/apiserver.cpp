// Handlers run on m_pool (each pool thread has its own database connection); the response is
// written back on the server's thread, and only if the client is still connected.
#include "server/http/apiserver.h"

#include "common/logging.h"
#include "server/domain/domainerror.h"
#include "server/http/httpmetrics.h"
#include "server/http/requestcontext.h"
#include "server/storage/database.h"
#include "server/storage/dberror.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTcpSocket>
#include <QUuid>

namespace skillex::server {
namespace {

using namespace protocol;

Problem makeProblem(int status, const QString &type, const QString &title, const QString &detail)
{
    Problem p;
    p.status = status;
    p.type = type;
    p.title = title;
    p.detail = detail;
    return p;
}

QString requestIdFor(const QHttpServerRequest &request)
{
    // A caller's id is kept (so a console log line and a server log line match) if it is sane.
    static const QRegularExpression sane(QStringLiteral("^[A-Za-z0-9._-]{8,64}$"));
    const QString given = QString::fromLatin1(request.value("X-Request-Id"));
    if (sane.match(given).hasMatch())
        return given;
    return QUuid::createUuid().toString(QUuid::Id128).left(20);
}

void writeResponse(QHttpServerResponder &responder, const HttpResponse &response,
                   const QString &requestId)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeHeader("X-Request-Id", requestId.toLatin1());
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeBody(response.body);
}

} // namespace

ApiServer::ApiServer(const Router &router, AuthService &auth, HttpLimits limits, int threads,
                     IdempotencyStore *idempotency, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_auth(auth)
    , m_limits(limits)
    , m_idempotency(idempotency)
{
    m_pool.setMaxThreadCount(threads);
    // Threads keep their database connections; letting them expire would reopen connections.
    m_pool.setExpiryTimeout(-1);
}

ApiServer::~ApiServer()
{
    // Close each pool thread's database connection on that thread while it is still a live
    // QThread. One task per thread is guaranteed by making every task wait until all have
    // started: no thread can take a second one. They queue behind any request still running;
    // waitForDone() must come after them, because in Qt 6.4 it also ends the pool's threads.
    const int threads = m_pool.maxThreadCount();
    QSemaphore started;
    QSemaphore proceed;
    for (int i = 0; i < threads; ++i) {
        m_pool.start([&started, &proceed] {
            started.release();
            proceed.acquire();
            Database::closeThreadConnections();
        });
    }
    started.acquire(threads);
    proceed.release(threads);
    m_pool.waitForDone();
}

HttpRequest ApiServer::copyRequest(const QHttpServerRequest &request)
{
    HttpRequest r;
    r.method = request.method();
    r.path = request.url().path();
    r.query = request.query();
    for (const auto &[name, value] : request.headers())
        r.headers.insert(name.toLower(), value);
    r.body = request.body();
    r.peer = request.remoteAddress();
    r.requestId = requestIdFor(request);
    return r;
}

HttpResponse ApiServer::immediateResponse(const HttpRequest &request, const RouteMatch &match) const
{
    if (!match.route && match.allowedMethods.isEmpty())
        return HttpResponse::problem(
            makeProblem(404, problemtype::kNotFound, QStringLiteral("Not found"),
                        QStringLiteral("There is no %1 here.").arg(request.path.left(200))));
    if (!match.route)
        return HttpResponse::problem(
            makeProblem(405, problemtype::kMethodNotAllowed, QStringLiteral("Method not allowed"),
                        QStringLiteral("%1 does not accept %2; it accepts %3.")
                            .arg(request.path.left(200), methodName(request.method),
                                 match.allowedMethods.join(QStringLiteral(", ")))),
            {{"Allow", match.allowedMethods.join(QStringLiteral(", ")).toLatin1()}});
    const qint64 declared = request.header("content-length").toLongLong();
    const qint64 size = std::max<qint64>(declared, request.body.size());
    const qint64 limit = match.route->upload ? m_limits.maxUploadBytes : m_limits.maxBodyBytes;
    if (size > limit)
        return HttpResponse::problem(makeProblem(
            413, problemtype::kPayloadTooLarge, QStringLiteral("Payload too large"),
            QStringLiteral("The body is %1 bytes; the limit is %2 bytes.").arg(size).arg(limit)));
    return {0, {}, {}, {}}; // status 0: go on to the handler
}

HttpResponse ApiServer::execute(const HttpRequest &request, const RouteMatch &match) const
{
    auto log = logging::logger("server.http");
    try {
        RequestContext context(request, match.arguments, m_limits.json);
        const Access &access = match.route->access;
        if (access.kind != Access::Kind::Public) {
            context.setPrincipal(m_auth.authenticate(
                request.header("authorization"),
                access.allowsAppealScope ? AppealTokens::Accepted : AppealTokens::Refused));
            if (access.kind == Access::Kind::Staff) {
                if (!context.principal().isStaff() || !access.permits(context.principal().roles))
                    throw DomainError(403, problemtype::kForbidden, QStringLiteral("Forbidden"),
                                      QStringLiteral("Your role does not allow this."));
            }
        }
        const QByteArray key = request.header("idempotency-key");
        const bool mutation = request.method != QHttpServerRequest::Method::Get &&
                              request.method != QHttpServerRequest::Method::Head;
        if (!key.isEmpty() && mutation && m_idempotency)
            return executeIdempotent(context, match, key);
        return match.route->handler(context);
    } catch (const DomainError &e) {
        return HttpResponse::problem(e.problem(), e.headers());
    } catch (const DbError &e) {
        log->error("[{}] database error: {}", logging::str(request.requestId), e.what());
        if (e.kind() == DbError::Kind::Connection)
            return HttpResponse::problem(
                makeProblem(503, problemtype::kUnavailable, QStringLiteral("Service unavailable"),
                            QStringLiteral("The database cannot be reached. Try again shortly.")),
                {{"Retry-After", "5"}});
        return HttpResponse::problem(
            makeProblem(500, problemtype::kInternal, QStringLiteral("Internal error"),
                        QStringLiteral("The request failed on the server; it was logged.")));
    } catch (const std::exception &e) {
        log->error("[{}] unexpected error: {}", logging::str(request.requestId), e.what());
        return HttpResponse::problem(
            makeProblem(500, problemtype::kInternal, QStringLiteral("Internal error"),
                        QStringLiteral("The request failed on the server; it was logged.")));
    }
}

HttpResponse ApiServer::executeIdempotent(RequestContext &context, const RouteMatch &match,
                                          const QByteArray &key) const
{
    if (!IdempotencyStore::isValidKey(key))
        throw DomainError(400, problemtype::kValidation, QStringLiteral("Invalid Idempotency-Key"),
                          QStringLiteral("An Idempotency-Key is 1 to 128 characters of A-Z, a-z, "
                                         "0-9, '.', '_', ':' and '-'."));
    // Keys are per caller: two members may use the same key for different requests.
    const HttpRequest &request = context.request();
    const QString scope = context.hasPrincipal()
                              ? QStringLiteral("user:%1").arg(context.principal().userId)
                              : QStringLiteral("anonymous:") + request.peer.toString();
    const QString keyText = QString::fromLatin1(key);
    const auto begin = m_idempotency->begin(scope, keyText, IdempotencyStore::fingerprint(request));
    switch (begin.outcome) {
    case IdempotencyStore::Outcome::Replay: {
        HttpResponse replay = begin.stored;
        replay.headers.push_back({"Idempotent-Replayed", "true"});
        return replay;
    }
    case IdempotencyStore::Outcome::Mismatch:
        throw DomainError(422, problemtype::kIdempotencyMismatch,
                          QStringLiteral("Idempotency-Key reused"),
                          QStringLiteral("This Idempotency-Key was used for a different request."));
    case IdempotencyStore::Outcome::InProgress:
        throw DomainError(
            409, problemtype::kConflict, QStringLiteral("Request in progress"),
            QStringLiteral(
                "A request with this Idempotency-Key is still being processed; retry shortly."))
            .withHeader("Retry-After", "1");
    case IdempotencyStore::Outcome::Fresh:
        break;
    }
    HttpResponse response;
    try {
        response = match.route->handler(context);
    } catch (const DomainError &e) {
        // A refusal is an answer too: a retry with the same key gets the same refusal.
        response = HttpResponse::problem(e.problem(), e.headers());
    } catch (...) {
        m_idempotency->abandon(scope, keyText);
        throw;
    }
    if (response.status >= 500)
        m_idempotency->abandon(scope, keyText);
    else
        m_idempotency->complete(scope, keyText, response);
    return response;
}

bool ApiServer::handleRequest(const QHttpServerRequest &qRequest, QTcpSocket *socket)
{
    auto request = std::make_shared<HttpRequest>(copyRequest(qRequest));
    const RouteMatch match = m_router.match(request->method, request->path);
    if (match.route && match.route->webSocket)
        return true; // writing nothing lets QAbstractHttpServer complete the WebSocket upgrade

    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(qRequest, socket));
    QPointer<QTcpSocket> guard(socket);
    QElapsedTimer sinceArrival;
    sinceArrival.start();
    const QString route = match.route ? match.route->pattern : QStringLiteral("unmatched");
    auto finish = [requestPtr = request, responder, guard, this, route,
                   sinceArrival](const HttpResponse &response, qint64 elapsedMs) {
        HttpResponse out = response;
        if (out.contentType == kProblemContentType) {
            // Stamp the request id into every problem body so a report names the log line.
            if (auto parsed = Problem::fromBytes(out.body)) {
                Problem p = parsed.value();
                p.requestId = requestPtr->requestId;
                out.body = p.toBytes();
            }
        }
        logging::logger("server.http")
            ->info("[{}] {} {} -> {} ({} ms)", logging::str(requestPtr->requestId),
                   logging::str(methodName(requestPtr->method)),
                   logging::str(requestPtr->path.left(200)), out.status, elapsedMs);
        if (m_metrics)
            m_metrics->observe(route, methodName(requestPtr->method), out.status,
                               sinceArrival.nsecsElapsed());
        if (guard)
            writeResponse(*responder, out, requestPtr->requestId);
    };

    const HttpResponse early = immediateResponse(*request, match);
    if (early.status != 0) {
        finish(early, 0);
        return true;
    }
    m_pool.start([this, request, match, finish] {
        QElapsedTimer timer;
        timer.start();
        HttpResponse response = execute(*request, match);
        const qint64 elapsed = timer.elapsed();
        QMetaObject::invokeMethod(
            this, [finish, response, elapsed] { finish(response, elapsed); }, Qt::QueuedConnection);
    });
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Reached only if handleRequest declines, which it does not; answer like a 404 anyway.
    auto responder = makeResponder(request, socket);
    writeResponse(responder,
                  HttpResponse::problem(
                      makeProblem(404, problemtype::kNotFound, QStringLiteral("Not found"), {})),
                  requestIdFor(request));
}

} // namespace skillex::server
