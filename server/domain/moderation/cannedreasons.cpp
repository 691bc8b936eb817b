// Canned reasons are versioned like cases: every edit needs the current version.
#include "server/domain/moderation/cannedreasons.h"

#include "protocol/timestamps.h"
#include "server/domain/domainerror.h"
#include "server/storage/sqlquery.h"

#include <QRegularExpression>

namespace skillex::server {

using namespace protocol;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, title, template, actions, version, created_at, updated_at FROM canned_reasons ");

CannedReason readRow(const SqlQuery &q)
{
    CannedReason r;
    r.id = q.int64(0);
    r.title = q.string(1);
    r.templateText = q.string(2);
    r.actions = q.string(3).split(QLatin1Char(','), Qt::SkipEmptyParts);
    r.version = q.int64(4);
    r.createdAt = q.int64(5);
    r.updatedAt = q.int64(6);
    return r;
}

DomainError invalid(const QString &field, const QString &message)
{
    return DomainError(400, problemtype::kValidation, QStringLiteral("Invalid canned reason"),
                       field + QLatin1Char(' ') + message)
        .withFieldErrors({{field, message}});
}

void checkDraft(const CannedReasonDraft &d)
{
    if (d.title && (d.title->trimmed().isEmpty() || d.title->size() > CannedReasons::kMaxTitle))
        throw invalid(QStringLiteral("title"),
                      QStringLiteral("must be 1 to %1 characters").arg(CannedReasons::kMaxTitle));
    if (d.templateText && (d.templateText->trimmed().isEmpty() ||
                           d.templateText->size() > CannedReasons::kMaxTemplate))
        throw invalid(
            QStringLiteral("template"),
            QStringLiteral("must be 1 to %1 characters").arg(CannedReasons::kMaxTemplate));
    if (d.actions) {
        for (const QString &a : *d.actions) {
            if (!CannedReasons::actionNames().contains(a))
                throw invalid(QStringLiteral("actions"),
                              QStringLiteral("must list only ") +
                                  CannedReasons::actionNames().join(QStringLiteral(", ")));
        }
    }
}

} // namespace

QJsonObject CannedReason::toJson() const
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
    QStringList names;
    for (auto it = placeholder.globalMatch(templateText); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.push_back(name);
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("title"), title},
            {QStringLiteral("template"), templateText},
            {QStringLiteral("actions"), QJsonArray::fromStringList(actions)},
            {QStringLiteral("placeholders"), QJsonArray::fromStringList(names)},
            {QStringLiteral("version"), version},
            {QStringLiteral("created_at"), toWireTime(createdAt)},
            {QStringLiteral("updated_at"), toWireTime(updatedAt)}};
}

CannedReasons::CannedReasons(Database &db, const Clock &clock, AuditLog &audit, EventLog &events)
    : m_db(db)
    , m_clock(clock)
    , m_audit(audit)
    , m_events(events)
{}

const QStringList &CannedReasons::actionNames()
{
    static const QStringList names{QStringLiteral("dismiss"), QStringLiteral("warn"),
                                   QStringLiteral("remove_content"), QStringLiteral("suspend"),
                                   QStringLiteral("ban")};
    return names;
}

QList<CannedReason> CannedReasons::list(QSqlDatabase &db) const
{
    // Few (tens): the whole list in one answer.
    SqlQuery q(db, kSelect + QStringLiteral("WHERE deleted_at IS NULL ORDER BY id"));
    q.exec();
    QList<CannedReason> out;
    while (q.next())
        out.push_back(readRow(q));
    return out;
}

std::optional<CannedReason> CannedReasons::find(QSqlDatabase &db, qint64 id) const
{
    SqlQuery q(db, kSelect + QStringLiteral("WHERE id = :i AND deleted_at IS NULL"));
    q.bind(QStringLiteral(":i"), id).exec();
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

CannedReason CannedReasons::requireCurrent(QSqlDatabase &tx, qint64 id,
                                           const VersionMatch &match) const
{
    const auto current = find(tx, id);
    if (!current)
        throw DomainError(404, problemtype::kNotFound, QStringLiteral("Not found"),
                          QStringLiteral("There is no canned reason %1.").arg(id));
    if (!match.admits(current->version))
        throw DomainError(412, problemtype::kPreconditionFailed,
                          QStringLiteral("Precondition failed"),
                          QStringLiteral("The canned reason is at version %1; look at it again.")
                              .arg(current->version))
            .withExtension(QStringLiteral("current"), current->toJson())
            .withHeader("ETag", '"' + QByteArray::number(current->version) + '"');
    return *current;
}

CannedReason CannedReasons::create(const StaffActor &actor, const CannedReasonDraft &draft)
{
    if (!draft.title)
        throw invalid(QStringLiteral("title"), QStringLiteral("is required"));
    if (!draft.templateText)
        throw invalid(QStringLiteral("template"), QStringLiteral("is required"));
    checkDraft(draft);
    return m_db.write([&](QSqlDatabase &tx) {
        const qint64 now = m_clock.nowMs();
        SqlQuery q(tx, QStringLiteral("INSERT INTO canned_reasons (title, template, actions, "
                                      "version, created_at, updated_at) VALUES (:t, :x, :a, 1, "
                                      ":n, :n2) RETURNING id"));
        q.bind(QStringLiteral(":t"), *draft.title)
            .bind(QStringLiteral(":x"), *draft.templateText)
            .bind(QStringLiteral(":a"),
                  draft.actions.value_or(QStringList{}).join(QLatin1Char(',')))
            .bind(QStringLiteral(":n"), now)
            .bind(QStringLiteral(":n2"), now)
            .exec();
        const CannedReason created = *find(tx, q.scalar().value_or(0).toLongLong());
        m_audit.append(tx, {actor.id,
                            actor.label,
                            QStringLiteral("canned_reason.create"),
                            QStringLiteral("canned_reason"),
                            QString::number(created.id),
                            {},
                            {},
                            created.toJson(),
                            actor.address,
                            actor.requestId});
        m_events.append(tx, {QStringLiteral("canned_reason.created"), actor.id,
                             QStringLiteral("canned_reason"), QString::number(created.id),
                             created.toJson()});
        return created;
    });
}

CannedReason CannedReasons::update(const StaffActor &actor, qint64 id, const VersionMatch &match,
                                   const CannedReasonDraft &draft)
{
    checkDraft(draft);
    return m_db.write([&](QSqlDatabase &tx) {
        const CannedReason before = requireCurrent(tx, id, match);
        CannedReason after = before;
        after.title = draft.title.value_or(before.title);
        after.templateText = draft.templateText.value_or(before.templateText);
        after.actions = draft.actions.value_or(before.actions);
        after.version = before.version + 1;
        after.updatedAt = m_clock.nowMs();
        SqlQuery(tx, QStringLiteral("UPDATE canned_reasons SET title = :t, template = :x, actions "
                                    "= :a, version = :v, updated_at = :u WHERE id = :i"))
            .bind(QStringLiteral(":t"), after.title)
            .bind(QStringLiteral(":x"), after.templateText)
            .bind(QStringLiteral(":a"), after.actions.join(QLatin1Char(',')))
            .bind(QStringLiteral(":v"), after.version)
            .bind(QStringLiteral(":u"), after.updatedAt)
            .bind(QStringLiteral(":i"), id)
            .exec();
        m_audit.append(tx, {actor.id,
                            actor.label,
                            QStringLiteral("canned_reason.update"),
                            QStringLiteral("canned_reason"),
                            QString::number(id),
                            {},
                            before.toJson(),
                            after.toJson(),
                            actor.address,
                            actor.requestId});
        m_events.append(tx, {QStringLiteral("canned_reason.updated"), actor.id,
                             QStringLiteral("canned_reason"), QString::number(id), after.toJson()});
        return after;
    });
}

void CannedReasons::remove(const StaffActor &actor, qint64 id, const VersionMatch &match)
{
    m_db.write([&](QSqlDatabase &tx) {
        const CannedReason before = requireCurrent(tx, id, match);
        const qint64 now = m_clock.nowMs();
        SqlQuery(tx, QStringLiteral("UPDATE canned_reasons SET deleted_at = :t, version = version "
                                    "+ 1, updated_at = :t2 WHERE id = :i"))
            .bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":t2"), now)
            .bind(QStringLiteral(":i"), id)
            .exec();
        m_audit.append(tx, {actor.id,
                            actor.label,
                            QStringLiteral("canned_reason.delete"),
                            QStringLiteral("canned_reason"),
                            QString::number(id),
                            {},
                            before.toJson(),
                            {},
                            actor.address,
                            actor.requestId});
        m_events.append(tx, {QStringLiteral("canned_reason.deleted"),
                             actor.id,
                             QStringLiteral("canned_reason"),
                             QString::number(id),
                             {{QStringLiteral("id"), id}}});
    });
}

QString CannedReasons::render(QSqlDatabase &tx, qint64 id, const QString &action,
                              const QMap<QString, QString> &values) const
{
    const auto reason = find(tx, id);
    if (!reason)
        throw invalid(QStringLiteral("canned_reason_id"),
                      QStringLiteral("names no canned reason (%1)").arg(id));
    if (!reason->actions.isEmpty() && !reason->actions.contains(action))
        throw invalid(QStringLiteral("canned_reason_id"),
                      QStringLiteral("is for %1, not %2")
                          .arg(reason->actions.join(QStringLiteral(", ")), action));
    QString text = reason->templateText;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    static const QRegularExpression left(QStringLiteral("\\{([a-z_]+)\\}"));
    const auto missing = left.match(text);
    if (missing.hasMatch())
        throw invalid(QStringLiteral("placeholders.") + missing.captured(1),
                      QStringLiteral("is needed by the canned reason and has no value"));
    return text;
}

} // namespace skillex::server
