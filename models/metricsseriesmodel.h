// MetricsSeriesModel: one metrics endpoint's answer as a table, a row per bucket and a column
// per figure (breakdowns flattened: "net_minor.stripe/USD"), for the dashboard's charts, their
// hover values and their CSV export.
#pragma once

#include "models/metricfigure.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QJsonObject>
#include <QHash>
#include <QStringList>

#include <optional>

namespace skillex::models {

class MetricsSeriesModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // Qt::UserRole on a figure column: the number as the server sent it (invalid when null).
    static constexpr int RawValueRole = Qt::UserRole;

    explicit MetricsSeriesModel(QObject *parent = nullptr);

    // The answer of GET /api/v1/admin/metrics/<endpoint> (anything else empties the model).
    void setAnswer(const QJsonObject &answer);
    const QJsonObject &answer() const { return m_answer; }
    bool isEmpty() const { return m_rows.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Figure columns, in the server's order of keys ("start" and "end" not among them).
    const QStringList &keys() const { return m_keys; }
    // Keys under a breakdown, e.g. children("net_minor") = {"stripe/USD", "razorpay/INR"}.
    QStringList children(const QString &breakdown) const;
    QDate bucketStart(int row) const;
    QDate bucketEnd(int row) const;
    std::optional<double> value(int row, const QString &key) const;
    // A figure over the whole range, from the answer's totals ("net_minor.stripe/USD" too).
    MetricFigure total(const QString &key) const;

    // start,end and the given figure columns (all when empty), raw numbers, "." decimals, one
    // line per bucket: what "Export CSV" writes.
    QByteArray toCsv(const QStringList &keys = {}) const;

private:
    struct Row {
        QDate start;
        QDate end;
        QHash<QString, std::optional<double>> values;
    };

    QJsonObject m_answer;
    QStringList m_keys;
    QList<Row> m_rows;
};

} // namespace skillex::models
