// JsonRowsModel: a small table model over server items that are not cached (statement lines,
// payments, adjustments, reconciliation rows): one JSON object a row, columns as functions.
// Sortable through a QSortFilterProxyModel on SortRole, exportable as shown.
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace skillex::views::finance {

class JsonRowsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role { SortRole = Qt::UserRole + 1, ObjectRole, ItalicRole };

    struct Column {
        QString header;
        std::function<QString(const QJsonObject &)> text;
        // The value sorted on; default: the text.
        std::function<QVariant(const QJsonObject &)> sortKey = {};
        Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    };

    explicit JsonRowsModel(QList<Column> columns, QObject *parent = nullptr);

    void setItems(const QJsonArray &items);
    void appendItems(const QJsonArray &items);
    QJsonObject item(int row) const
    {
        return row >= 0 && row < m_items.size() ? m_items.at(row).toObject() : QJsonObject();
    }
    const QJsonArray &items() const { return m_items; }
    // Rows drawn in grey italics (pending transfers).
    void setItalic(std::function<bool(const QJsonObject &)> italic)
    {
        m_italic = std::move(italic);
    }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Column> m_columns;
    QJsonArray m_items;
    std::function<bool(const QJsonObject &)> m_italic;
};

} // namespace skillex::views::finance
