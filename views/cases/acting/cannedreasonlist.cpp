// CannedReasonList: fetch, keep in cache_meta, parse, fill.
#include "views/cases/acting/cannedreasonlist.h"

#include "client/api/apiclient.h"
#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"
#include "client/cache/cachewritetx.h"
#include "client/workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace skillex::views {

namespace {
const QString kMetaKey = QStringLiteral("views.cases.canned_reasons");
}

bool CannedReason::isStandard(const QString &placeholder)
{
    return placeholder == QLatin1String("member_name") ||
           placeholder == QLatin1String("category") ||
           placeholder == QLatin1String("duration_days") || placeholder == QLatin1String("case_id");
}

QString CannedReason::fill(const QMap<QString, QString> &values) const
{
    QString text = templateText;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        if (!it.value().isEmpty())
            text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

CannedReasonList::CannedReasonList(client::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{}

void CannedReasonList::load()
{
    if (client::CacheDb *cache = m_workspace->cache(); cache && cache->isOpen()) {
        const QVariant stored = cache->reader()->scalar(
            QStringLiteral("SELECT value FROM cache_meta WHERE key = ?"), {kMetaKey});
        if (stored.isValid())
            parse(QJsonDocument::fromJson(stored.toString().toUtf8()).object());
    }
    if (m_workspace->isOffline() || !m_workspace->api())
        return;
    m_workspace->api()->get(
        QStringLiteral("/api/v1/admin/canned-reasons"), this,
        [this](const client::ApiResult &result) {
            if (!result.ok)
                return; // keep the cached list; the picker still offers free text
            const QJsonObject list = result.object();
            parse(list);
            const QString text =
                QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
            if (client::CacheDb *cache = m_workspace->cache(); cache && cache->isOpen())
                cache->write([text](client::CacheWriteTx &tx) {
                    tx.run(QStringLiteral("INSERT INTO cache_meta (key, value) VALUES (?, ?) ON "
                                          "CONFLICT (key) DO UPDATE SET value = excluded.value"),
                           {kMetaKey, text});
                });
        });
}

void CannedReasonList::parse(const QJsonObject &list)
{
    QList<CannedReason> reasons;
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)\\}"));
    for (const QJsonValue v : list.value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = v.toObject();
        CannedReason r;
        r.id = o.value(QStringLiteral("id")).toInteger();
        r.title = o.value(QStringLiteral("title")).toString();
        r.templateText = o.value(QStringLiteral("template")).toString();
        for (const QJsonValue a : o.value(QStringLiteral("actions")).toArray())
            r.actions << a.toString();
        for (auto it = placeholder.globalMatch(r.templateText); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (!r.placeholders.contains(name))
                r.placeholders << name;
        }
        reasons << r;
    }
    if (reasons.isEmpty() && !m_reasons.isEmpty())
        return;
    m_reasons = reasons;
    emit changed();
}

QList<CannedReason> CannedReasonList::forAction(const QString &action) const
{
    QList<CannedReason> out;
    for (const CannedReason &r : m_reasons)
        if (r.fits(action))
            out << r;
    return out;
}

std::optional<CannedReason> CannedReasonList::find(qint64 id) const
{
    for (const CannedReason &r : m_reasons)
        if (r.id == id)
            return r;
    return std::nullopt;
}

} // namespace skillex::views
