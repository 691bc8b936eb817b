// MetricsSeriesModel: flattening a metrics answer's series into rows and columns.
#include "models/metricsseriesmodel.h"

#include <QJsonArray>
#include <QLocale>

namespace skillex::models {

namespace {

const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");

// Breakdowns are one level deep ("actions_by_rung": {"warning": 3, ...}).
void flatten(const QJsonObject &entry, QHash<QString, std::optional<double>> &values,
             QStringList &keys)
{
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (it.key() == kStart || it.key() == kEnd)
            continue;
        if (it.value().isObject()) {
            const QJsonObject inner = it.value().toObject();
            for (auto child = inner.begin(); child != inner.end(); ++child) {
                const QString key = it.key() + QLatin1Char('.') + child.key();
                if (!keys.contains(key))
                    keys.push_back(key);
                values.insert(key, MetricFigure::number(child.value()));
            }
            continue;
        }
        if (!keys.contains(it.key()))
            keys.push_back(it.key());
        values.insert(it.key(), MetricFigure::number(it.value()));
    }
}

QString csvNumber(const std::optional<double> &value)
{
    if (!value)
        return {};
    // Whole numbers without a fraction, ratios with the server's four decimals at most.
    return QString::number(*value, 'g', 15);
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

MetricsSeriesModel::MetricsSeriesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void MetricsSeriesModel::setAnswer(const QJsonObject &answer)
{
    beginResetModel();
    m_answer = answer;
    m_keys.clear();
    m_rows.clear();
    const QJsonArray series = answer.value(QLatin1String("series")).toArray();
    for (const QJsonValue &bucket : series) {
        const QJsonObject entry = bucket.toObject();
        Row row;
        row.start = QDate::fromString(entry.value(kStart).toString(), Qt::ISODate);
        row.end = QDate::fromString(entry.value(kEnd).toString(), Qt::ISODate);
        flatten(entry, row.values, m_keys);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

int MetricsSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MetricsSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size()) + 2;
}

QVariant MetricsSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (index.column() < 2) {
        const QDate date = index.column() == 0 ? row.start : row.end;
        if (role == Qt::DisplayRole)
            return QLocale().toString(date, QLocale::ShortFormat);
        return role == RawValueRole ? QVariant(date) : QVariant();
    }
    const std::optional<double> number = row.values.value(m_keys.at(index.column() - 2));
    if (role == RawValueRole)
        return number ? QVariant(*number) : QVariant();
    if (role == Qt::DisplayRole)
        return number ? QLocale().toString(*number, 'g', 12) : QStringLiteral("–");
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant MetricsSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return kStart;
    if (section == 1)
        return kEnd;
    return m_keys.value(section - 2);
}

QStringList MetricsSeriesModel::children(const QString &breakdown) const
{
    QStringList result;
    const QString prefix = breakdown + QLatin1Char('.');
    for (const QString &key : m_keys)
        if (key.startsWith(prefix))
            result.push_back(key.mid(prefix.size()));
    // Breakdowns absent from every bucket still exist in the totals (a range with no
    // refunds still names the provider of its payments).
    const QJsonObject totals =
        m_answer.value(QLatin1String("totals")).toObject().value(breakdown).toObject();
    for (auto it = totals.begin(); it != totals.end(); ++it)
        if (it.value().isObject() && it.value().toObject().contains(QLatin1String("value")) &&
            !result.contains(it.key()))
            result.push_back(it.key());
    return result;
}

QDate MetricsSeriesModel::bucketStart(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).start : QDate();
}

QDate MetricsSeriesModel::bucketEnd(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).end : QDate();
}

std::optional<double> MetricsSeriesModel::value(int row, const QString &key) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row).values.value(key);
}

MetricFigure MetricsSeriesModel::total(const QString &key) const
{
    const QJsonObject totals = m_answer.value(QLatin1String("totals")).toObject();
    const qsizetype dot = key.indexOf(QLatin1Char('.'));
    if (dot < 0)
        return MetricFigure::fromJson(totals.value(key));
    return MetricFigure::fromJson(
        totals.value(key.left(dot)).toObject().value(key.mid(dot + 1)));
}

QByteArray MetricsSeriesModel::toCsv(const QStringList &keys) const
{
    const QStringList columns = keys.isEmpty() ? m_keys : keys;
    QStringList header{kStart, kEnd};
    for (const QString &key : columns)
        header.push_back(csvField(key));
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const Row &row : m_rows) {
        QStringList fields{row.start.toString(Qt::ISODate), row.end.toString(Qt::ISODate)};
        for (const QString &key : columns)
            fields.push_back(csvNumber(row.values.value(key)));
        text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text.toUtf8();
}

} // namespace skillex::models
