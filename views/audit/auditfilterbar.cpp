// AuditFilterBar: an actor is picked from the staff list or typed as an id; dates are whole
// days in the person's time zone (to is inclusive on screen, exclusive on the wire).
#include "views/audit/auditfilterbar.h"

#include "client/cache/cachedb.h"
#include "client/cache/cachereader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlQuery>

namespace skillex::views {

AuditFilterBar::AuditFilterBar(client::CacheDb *cache, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
{
    setObjectName(QStringLiteral("auditFilterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);

    auto label = [this, layout](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        layout->addWidget(l);
        layout->addWidget(buddy);
    };
    m_actor = new QComboBox(this);
    m_actor->setObjectName(QStringLiteral("auditActor"));
    m_actor->setAccessibleName(tr("Actor"));
    m_actor->setEditable(true);
    m_actor->setInsertPolicy(QComboBox::NoInsert);
    m_actor->setMinimumContentsLength(16);
    m_actor->lineEdit()->setPlaceholderText(tr("anyone, a name or #id"));
    label(tr("Ac&tor"), m_actor);

    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setAccessibleName(tr("Action"));
    m_action->setEditable(true);
    m_action->setInsertPolicy(QComboBox::NoInsert);
    m_action->setMinimumContentsLength(14);
    m_action->addItems({QString(), QStringLiteral("auth."), QStringLiteral("case."),
                        QStringLiteral("user."), QStringLiteral("ban."), QStringLiteral("staff."),
                        QStringLiteral("session."), QStringLiteral("payment."),
                        QStringLiteral("adjustment."), QStringLiteral("taxonomy.")});
    m_action->lineEdit()->setPlaceholderText(tr("any; \"case.\" for a prefix"));
    label(tr("Act&ion"), m_action);

    m_targetType = new QComboBox(this);
    m_targetType->setObjectName(QStringLiteral("auditTargetType"));
    m_targetType->setAccessibleName(tr("Target type"));
    m_targetType->setEditable(true);
    m_targetType->addItems({QString(), QStringLiteral("user"), QStringLiteral("case"),
                            QStringLiteral("staff"), QStringLiteral("session"),
                            QStringLiteral("payment"), QStringLiteral("skill")});
    label(tr("Tar&get"), m_targetType);
    m_targetId = new QLineEdit(this);
    m_targetId->setObjectName(QStringLiteral("auditTargetId"));
    m_targetId->setAccessibleName(tr("Target id"));
    m_targetId->setPlaceholderText(tr("id"));
    m_targetId->setMaximumWidth(90);
    layout->addWidget(m_targetId);

    m_useFrom = new QCheckBox(tr("&From"), this);
    m_useFrom->setAccessibleName(tr("Filter from a date"));
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), this);
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_from->setAccessibleName(tr("From date"));
    m_from->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_useTo = new QCheckBox(tr("T&o"), this);
    m_useTo->setAccessibleName(tr("Filter up to a date"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_to->setAccessibleName(tr("To date (inclusive)"));
    m_to->setCalendarPopup(true);
    m_to->setEnabled(false);
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    layout->addWidget(m_useFrom);
    layout->addWidget(m_from);
    layout->addWidget(m_useTo);
    layout->addWidget(m_to);

    auto *applyButton = new QPushButton(tr("&Apply"), this);
    applyButton->setObjectName(QStringLiteral("auditApply"));
    applyButton->setAccessibleName(tr("Apply the filters"));
    applyButton->setDefault(true);
    auto *clearButton = new QPushButton(tr("C&lear"), this);
    clearButton->setAccessibleName(tr("Clear the filters"));
    layout->addWidget(applyButton);
    layout->addWidget(clearButton);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    layout->addWidget(m_error);
    layout->addStretch();

    connect(applyButton, &QPushButton::clicked, this, &AuditFilterBar::apply);
    connect(clearButton, &QPushButton::clicked, this, [this] {
        clear();
        apply();
    });
    for (QLineEdit *edit :
         {m_actor->lineEdit(), m_action->lineEdit(), m_targetType->lineEdit(), m_targetId})
        connect(edit, &QLineEdit::returnPressed, this, &AuditFilterBar::apply);
    connect(m_actor, &QComboBox::activated, this, &AuditFilterBar::apply);
    connect(m_action, &QComboBox::activated, this, &AuditFilterBar::apply);
    reloadActors();
}

void AuditFilterBar::reloadActors()
{
    const QString keep = m_actor->currentText();
    m_actor->clear();
    m_actor->addItem(QString(), QVariant());
    QSqlQuery &q = m_cache->reader()->run(
        QStringLiteral("SELECT id, name FROM staff ORDER BY lower(name), id"));
    while (q.next())
        m_actor->addItem(
            QStringLiteral("%1 #%2").arg(q.value(1).toString()).arg(q.value(0).toLongLong()),
            q.value(0).toLongLong());
    q.finish();
    m_actor->setCurrentText(keep);
}

std::optional<models::AuditFilter> AuditFilterBar::filter() const
{
    models::AuditFilter f;
    const QString actor = m_actor->currentText().trimmed();
    if (!actor.isEmpty()) {
        // "Name #12", "#12" or "12".
        static const QRegularExpression idAtEnd(QStringLiteral("#?(\\d+)\\s*$"));
        const auto match = idAtEnd.match(actor);
        if (!match.hasMatch()) {
            m_error->setText(tr("Actor: pick a name from the list or type an id."));
            return std::nullopt;
        }
        f.actorId = match.captured(1).toLongLong();
    }
    f.action = m_action->currentText().trimmed();
    f.targetType = m_targetType->currentText().trimmed();
    f.targetId = m_targetId->text().trimmed();
    if (m_useFrom->isChecked())
        f.from = m_from->date().startOfDay();
    if (m_useTo->isChecked())
        f.to = m_to->date().addDays(1).startOfDay();
    if (f.from.isValid() && f.to.isValid() && f.from >= f.to) {
        m_error->setText(tr("The From date is after the To date."));
        return std::nullopt;
    }
    m_error->clear();
    return f;
}

void AuditFilterBar::setFilter(const models::AuditFilter &f)
{
    m_actor->setCurrentText(f.actorId ? QStringLiteral("#%1").arg(*f.actorId) : QString());
    for (int i = 0; i < m_actor->count(); ++i)
        if (f.actorId && m_actor->itemData(i).toLongLong() == *f.actorId)
            m_actor->setCurrentIndex(i);
    m_action->setCurrentText(f.action);
    m_targetType->setCurrentText(f.targetType);
    m_targetId->setText(f.targetId);
    m_useFrom->setChecked(f.from.isValid());
    if (f.from.isValid())
        m_from->setDate(f.from.toLocalTime().date());
    m_useTo->setChecked(f.to.isValid());
    if (f.to.isValid())
        m_to->setDate(f.to.toLocalTime().date().addDays(-1));
}

void AuditFilterBar::clear()
{
    setFilter({});
}

void AuditFilterBar::apply()
{
    if (const auto f = filter())
        emit applied(*f);
}

} // namespace skillex::views
