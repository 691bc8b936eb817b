// QueueFilterBar: pickers fill from fixed lists (the report categories of docs/api.md) and the
// staff table; the search waits for a short pause in typing before it runs.
#include "views/cases/queue/queuefilterbar.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSqlQuery>
#include <QTimer>

namespace skillex::views {

namespace {

// The report categories (docs/api.md, "Reports"), in severity order.
const char *const kCategories[] = {"harassment",    "scam",
                                   "off_platform_payment", "inappropriate_content",
                                   "impersonation", "no_show",
                                   "spam",          "other"};

} // namespace

QueueFilterBar::QueueFilterBar(client::CacheDb *db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_category(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_assignee(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_typing(new QTimer(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->setAccessibleName(tr("Category filter"));
    m_category->setToolTip(tr("Show one category only"));
    m_category->addItem(tr("All categories"), QString());
    for (const char *c : kCategories) {
        QString label = QString::fromLatin1(c);
        label.replace(u'_', u' ');
        label[0] = label[0].toUpper();
        m_category->addItem(label, QString::fromLatin1(c));
    }

    m_severity->setObjectName(QStringLiteral("severityFilter"));
    m_severity->setAccessibleName(tr("Severity filter"));
    m_severity->setToolTip(tr("Show one severity only"));
    m_severity->addItem(tr("All severities"), QString());
    m_severity->addItem(tr("High"), QStringLiteral("high"));
    m_severity->addItem(tr("Medium"), QStringLiteral("medium"));
    m_severity->addItem(tr("Low"), QStringLiteral("low"));

    m_assignee->setObjectName(QStringLiteral("assigneeFilter"));
    m_assignee->setAccessibleName(tr("Assignee filter"));
    m_assignee->setToolTip(tr("Show the cases of one person"));
    reloadStaff();

    m_search->setObjectName(QStringLiteral("caseSearch"));
    m_search->setAccessibleName(tr("Search cases"));
    m_search->setPlaceholderText(tr("Search cases  /"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Words in the reports or the subject's name (press / to search)"));

    // The pickers stay narrow (long category and staff names must not squeeze the search).
    for (QComboBox *box : {m_category, m_severity, m_assignee})
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_category->setMinimumContentsLength(12);
    m_severity->setMinimumContentsLength(9);
    m_assignee->setMinimumContentsLength(9);
    m_search->setMinimumWidth(140);
    layout->addWidget(m_category);
    layout->addWidget(m_severity);
    layout->addWidget(m_assignee);
    layout->addWidget(m_search, 1);

    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_typing, &QTimer::timeout, this, &QueueFilterBar::changed);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_typing->stop();
        emit changed();
    });
    for (QComboBox *box : {m_category, m_severity, m_assignee})
        connect(box, &QComboBox::currentIndexChanged, this, &QueueFilterBar::changed);
}

void QueueFilterBar::reloadStaff()
{
    const QVariant keep = m_assignee->currentData();
    const QSignalBlocker block(m_assignee);
    m_assignee->clear();
    m_assignee->addItem(tr("Anyone"), QVariant());
    m_assignee->addItem(tr("Me"), QStringLiteral("me"));
    m_assignee->addItem(tr("Nobody"), QStringLiteral("none"));
    if (client::CacheReader *reader = m_db ? m_db->reader() : nullptr) {
        QSqlQuery &q = reader->run(QStringLiteral("SELECT id, name FROM staff ORDER BY name"));
        while (q.next())
            m_assignee->addItem(q.value(1).toString(), q.value(0).toLongLong());
        q.finish();
    }
    const int at = m_assignee->findData(keep);
    m_assignee->setCurrentIndex(at < 0 ? 0 : at);
}

void QueueFilterBar::clear()
{
    const QSignalBlocker a(m_category), b(m_severity), c(m_assignee), d(m_search);
    m_category->setCurrentIndex(0);
    m_severity->setCurrentIndex(0);
    m_assignee->setCurrentIndex(0);
    m_search->clear();
    emit changed();
}

models::CaseFilter QueueFilterBar::narrow(models::CaseFilter base) const
{
    using models::CaseFilter;
    const QString category = m_category->currentData().toString();
    if (!category.isEmpty())
        base.categories = {category};
    const QString severity = m_severity->currentData().toString();
    if (!severity.isEmpty()) {
        // Within the tab: "High severity" with "Low" picked shows nothing, as it should.
        if (base.severities.isEmpty() || base.severities.contains(severity))
            base.severities = {severity};
        else
            base.severities = {QStringLiteral("-")};
    }
    const QVariant who = m_assignee->currentData();
    if (who.isValid()) {
        if (who.toString() == QLatin1String("me")) {
            base.assignee = CaseFilter::Assignee::Me;
        } else if (who.toString() == QLatin1String("none")) {
            base.assignee = CaseFilter::Assignee::Unassigned;
        } else {
            base.assignee = CaseFilter::Assignee::Staff;
            base.staffId = who.toLongLong();
        }
    }
    base.text = m_search->text().trimmed();
    return base;
}

} // namespace skillex::views
