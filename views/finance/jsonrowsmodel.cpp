// JsonRowsModel: display, alignment, sort key and the pending style from the column functions.
#include "views/finance/jsonrowsmodel.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace skillex::views::finance {

JsonRowsModel::JsonRowsModel(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{}

void JsonRowsModel::setItems(const QJsonArray &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

void JsonRowsModel::appendItems(const QJsonArray &items)
{
    if (items.isEmpty())
        return;
    beginInsertRows({}, int(m_items.size()), int(m_items.size() + items.size() - 1));
    for (const QJsonValue &item : items)
        m_items.append(item);
    endInsertRows();
}

int JsonRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int JsonRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size() || index.column() >= m_columns.size())
        return {};
    const QJsonObject object = m_items.at(index.row()).toObject();
    const Column &column = m_columns.at(index.column());
    const bool italic = m_italic && m_italic(object);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return column.text(object);
    case SortRole:
        return column.sortKey ? column.sortKey(object) : QVariant(column.text(object));
    case ObjectRole:
        return object;
    case ItalicRole:
        return italic;
    case Qt::TextAlignmentRole:
        return int(column.alignment);
    case Qt::FontRole:
        if (italic) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (italic)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

QVariant JsonRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns.at(section).header;
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace skillex::views::finance
