// TaxonomyConflictDialog: only the fields the admin's action sets are compared; the rest of the
// server's node is unchanged by either choice.
#include "views/taxonomy/taxonomyconflictdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace skillex::views {

namespace {

QString joined(const QJsonArray &array)
{
    QStringList out;
    for (const QJsonValue v : array)
        out << v.toVariant().toString();
    return out.join(QStringLiteral(", "));
}

QString orderText(const QList<qint64> &ids, const TaxonomyConflictDialog::NameOf &nameOf,
                  const QString &kind)
{
    QStringList out;
    for (int i = 0; i < ids.size(); ++i)
        out << QStringLiteral("%1. %2").arg(i + 1).arg(nameOf(kind, ids.at(i)));
    return out.join(u'\n');
}

} // namespace

TaxonomyConflictDialog::TaxonomyConflictDialog(const client::OutboxEntry &entry, NameOf nameOf,
                                               QWidget *parent)
    : QDialog(parent)
    , m_entryId(entry.id)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by someone else"));
    const QJsonObject body = entry.action.body;
    const QJsonObject current = entry.conflictCurrent.toObject();
    const bool reorder = entry.action.kind == QLatin1String("taxonomy.reorder");

    auto *intro = new QLabel(
        tr("<b>Not applied:</b> %1 was changed on the server after you started. Compare the "
           "two versions and choose which one stays.")
            .arg(entry.action.summary.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setAccessibleName(tr("Your version and the server's"));
    m_table->setHorizontalHeaderLabels(
        {tr("Field"), tr("Yours (not applied)"), tr("On the server now")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);

    if (reorder) {
        const QString kind = body.contains(QStringLiteral("category_id"))
                                 ? QStringLiteral("skill")
                                 : QStringLiteral("category");
        QList<qint64> mine, theirs;
        for (const QJsonValue v : body.value(QStringLiteral("ids")).toArray())
            mine << qint64(v.toDouble());
        for (const QJsonValue v : current.value(QStringLiteral("items")).toArray())
            theirs << qint64(v.toObject().value(QStringLiteral("id")).toDouble());
        addRow(tr("Order"), orderText(mine, nameOf, kind), orderText(theirs, nameOf, kind));
    } else {
        const QJsonObject names = body.value(QStringLiteral("names")).toObject();
        const QJsonObject theirNames = current.value(QStringLiteral("names")).toObject();
        for (auto it = names.constBegin(); it != names.constEnd(); ++it)
            addRow(tr("Name (%1)").arg(it.key()), it.value().toString(),
                   theirNames.value(it.key()).toString());
        if (body.contains(QStringLiteral("slug")))
            addRow(tr("Slug"), body.value(QStringLiteral("slug")).toString(),
                   current.value(QStringLiteral("slug")).toString());
        if (body.contains(QStringLiteral("aliases")))
            addRow(tr("Aliases"), joined(body.value(QStringLiteral("aliases")).toArray()),
                   joined(current.value(QStringLiteral("aliases")).toArray()));
        if (body.contains(QStringLiteral("status")))
            addRow(tr("Status"), body.value(QStringLiteral("status")).toString(),
                   current.value(QStringLiteral("status")).toString());
        if (body.contains(QStringLiteral("category_id")))
            addRow(tr("Category"),
                   nameOf(QStringLiteral("category"),
                          qint64(body.value(QStringLiteral("category_id")).toDouble())),
                   nameOf(QStringLiteral("category"),
                          qint64(current.value(QStringLiteral("category_id")).toDouble())));
        if (body.contains(QStringLiteral("into")))
            addRow(tr("Merge"),
                   tr("into %1").arg(nameOf(QStringLiteral("skill"),
                                            qint64(body.value(QStringLiteral("into")).toDouble()))),
                   current.value(QStringLiteral("merged_into")).isDouble() ? tr("already merged")
                                                                           : tr("not merged"));
        // The rest of the server's node, for context: what the other person's change was.
        if (!names.contains(QStringLiteral("en")) && theirNames.contains(QStringLiteral("en")))
            addRow(tr("Name (en)"), tr("(unchanged)"),
                   theirNames.value(QStringLiteral("en")).toString());
        if (current.contains(QStringLiteral("version")))
            addRow(tr("Version"),
                   tr("as you read it: %1").arg(QString(entry.action.ifMatch).remove(u'"')),
                   QString::number(current.value(QStringLiteral("version")).toInt()));
    }
    m_table->resizeRowsToContents();

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *theirs =
        buttons->addButton(tr("Keep &theirs (discard mine)"), QDialogButtonBox::RejectRole);
    theirs->setObjectName(QStringLiteral("keepTheirs"));
    QPushButton *mine = buttons->addButton(tr("Apply &mine on top"), QDialogButtonBox::AcceptRole);
    mine->setObjectName(QStringLiteral("applyMine"));
    mine->setToolTip(tr("Send your change again against the server's current version."));
    QPushButton *later = buttons->addButton(tr("Decide &later"), QDialogButtonBox::HelpRole);
    connect(theirs, &QPushButton::clicked, this, [this] {
        emit keepTheirs(m_entryId);
        accept();
    });
    connect(mine, &QPushButton::clicked, this, [this] {
        emit applyMine(m_entryId);
        accept();
    });
    connect(later, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 320);
}

void TaxonomyConflictDialog::addRow(const QString &field, const QString &mine,
                                    const QString &theirs)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *f = new QTableWidgetItem(field);
    auto *m = new QTableWidgetItem(mine);
    auto *t = new QTableWidgetItem(theirs);
    if (mine != theirs && mine != tr("(unchanged)")) {
        // Marked with a sign as well as a weight: colour is never the only signal.
        f->setText(QStringLiteral("\u2260 ") + field);
        QFont bold = m->font();
        bold.setBold(true);
        m->setFont(bold);
        t->setFont(bold);
    }
    m_table->setItem(row, 0, f);
    m_table->setItem(row, 1, m);
    m_table->setItem(row, 2, t);
}

} // namespace skillex::views
