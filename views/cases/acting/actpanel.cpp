// ActPanel: what may be done to the case now, and the form for it.
#include "views/cases/acting/actpanel.h"

#include "client/outbox/actions.h"
#include "client/workspace/workspace.h"
#include "views/cases/acting/cannedreasonlist.h"
#include "views/cases/detail/casehtml.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace skillex::views {

namespace {

QString s(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

ActPanel::ActPanel(client::Workspace *workspace, CannedReasonList *reasons, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_reasons(reasons)
{
    setObjectName(QStringLiteral("actPanel"));
    setAccessibleName(tr("Act on the case"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    layout->addWidget(heading(tr("Member"), this));
    m_memberCard = new QLabel(this);
    m_memberCard->setObjectName(QStringLiteral("memberCard"));
    m_memberCard->setWordWrap(true);
    m_memberCard->setTextFormat(Qt::RichText);
    layout->addWidget(m_memberCard);

    auto *verbs = new QWidget(this);
    buildCaseVerbs(verbs);
    layout->addWidget(verbs);
    auto *ladder = new QWidget(this);
    buildLadder(ladder);
    layout->addWidget(ladder);
    m_form = new QWidget(this);
    buildForm(m_form);
    layout->addWidget(m_form);
    // Outside the form: a verb refused from the keyboard says why without opening a form.
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b;"));
    layout->addWidget(m_problem);
    layout->addStretch(1);

    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &ActPanel::apply);
    auto *shortcut2 = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    shortcut2->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut2, &QShortcut::activated, this, &ActPanel::apply);

    connect(m_reasons, &CannedReasonList::changed, this, &ActPanel::refreshReasons);
    clearCase();
}

void ActPanel::buildCaseVerbs(QWidget *box)
{
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 6, 0, 0);
    grid->addWidget(heading(tr("Case"), box), 0, 0, 1, 2);
    m_claim = new QPushButton(tr("&Claim"), box);
    m_claim->setObjectName(QStringLiteral("claimButton"));
    m_claim->setAccessibleName(tr("Claim the case (C)"));
    m_release = new QPushButton(tr("Release"), box);
    m_release->setObjectName(QStringLiteral("releaseButton"));
    m_release->setAccessibleName(tr("Release the case"));
    grid->addWidget(m_claim, 1, 0);
    grid->addWidget(m_release, 1, 1);
    connect(m_claim, &QPushButton::clicked, this, [this] {
        if (whyNot(Mode::None).isEmpty())
            emit claimRequested();
    });
    connect(m_release, &QPushButton::clicked, this, &ActPanel::releaseRequested);
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    const QList<std::pair<Mode, QString>> verbs{{Mode::Escalate, tr("Escalate…")},
                                                {Mode::Note, tr("Note…")},
                                                {Mode::AppealUphold, tr("Uphold appeal…")},
                                                {Mode::AppealOverturn, tr("Overturn appeal…")}};
    int i = 0;
    for (const auto &[mode, text] : verbs) {
        auto *button = new QPushButton(text, box);
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("mode%1Button").arg(int(mode)));
        button->setAccessibleName(QString(text).remove(u'…'));
        m_group->addButton(button, int(mode));
        m_modeButtons.insert(mode, button);
        grid->addWidget(button, 2 + i / 2, i % 2);
        ++i;
    }
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) { choose(Mode(id)); });
}

void ActPanel::buildLadder(QWidget *box)
{
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 6, 0, 0);
    grid->addWidget(heading(tr("Decide"), box), 0, 0, 1, 2);
    const QList<std::pair<Mode, QString>> rungs{{Mode::Dismiss, tr("Dismiss")},
                                                {Mode::Warn, tr("Warn")},
                                                {Mode::RemoveContent, tr("Remove content")},
                                                {Mode::Suspend, tr("Suspend")},
                                                {Mode::Ban, tr("Ban…")}};
    int i = 0;
    for (const auto &[mode, text] : rungs) {
        auto *button = new QPushButton(text, box);
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("mode%1Button").arg(int(mode)));
        button->setAccessibleName(QString(text).remove(u'…'));
        m_group->addButton(button, int(mode));
        m_modeButtons.insert(mode, button);
        grid->addWidget(button, 1 + i / 2, i % 2);
        ++i;
    }
    m_suggestion = new QLabel(box);
    m_suggestion->setObjectName(QStringLiteral("suggestedRung"));
    m_suggestion->setWordWrap(true);
    grid->addWidget(m_suggestion, 4, 0, 1, 2);
}

void ActPanel::buildForm(QWidget *box)
{
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    m_formTitle = heading(QString(), box);
    m_formTitle->setWordWrap(true);
    layout->addWidget(m_formTitle);
    auto *form = new QFormLayout;
    m_days = new QComboBox(box);
    m_days->setObjectName(QStringLiteral("suspendDays"));
    m_days->setAccessibleName(tr("Suspension length"));
    for (int d : {1, 3, 7, 30})
        m_days->addItem(tr("%n day(s)", nullptr, d), d);
    m_daysLabel = new QLabel(tr("&Length"), box);
    m_daysLabel->setBuddy(m_days);
    form->addRow(m_daysLabel, m_days);
    m_canned = new QComboBox(box);
    m_canned->setObjectName(QStringLiteral("cannedReason"));
    m_canned->setAccessibleName(tr("Canned reason"));
    // Long titles must not widen the act column; the full title is in the list.
    m_canned->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_canned->setMinimumContentsLength(12);
    m_cannedLabel = new QLabel(tr("&Reason"), box);
    m_cannedLabel->setBuddy(m_canned);
    form->addRow(m_cannedLabel, m_canned);
    layout->addLayout(form);
    m_placeholderForm = new QFormLayout;
    layout->addLayout(m_placeholderForm);
    m_textLabel = new QLabel(box);
    m_textLabel->setWordWrap(true);
    layout->addWidget(m_textLabel);
    m_text = new QPlainTextEdit(box);
    m_text->setObjectName(QStringLiteral("reasonText"));
    m_text->setAccessibleName(tr("Reason or note text"));
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(80);
    m_textLabel->setBuddy(m_text);
    layout->addWidget(m_text);
    // A box of its own height (a wrapped label in the scrolling column can be clipped); a long
    // reason scrolls inside it.
    m_preview = new QTextBrowser(box);
    m_preview->setObjectName(QStringLiteral("memberPreview"));
    m_preview->setAccessibleName(tr("Preview of what the member will be told"));
    m_preview->setFixedHeight(104);
    m_preview->setFrameShape(QFrame::NoFrame);
    m_preview->setFocusPolicy(Qt::ClickFocus);
    m_preview->viewport()->setAutoFillBackground(true);
    m_preview->viewport()->setBackgroundRole(QPalette::AlternateBase);
    layout->addWidget(m_preview);
    m_effects = new QLabel(box);
    m_effects->setObjectName(QStringLiteral("sideEffects"));
    m_effects->setWordWrap(true);
    layout->addWidget(m_effects);
    m_apply = new QPushButton(tr("Apply  (Ctrl+Enter)"), box);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setAccessibleName(tr("Apply"));
    m_apply->setDefault(true);
    layout->addWidget(m_apply);
    connect(m_apply, &QPushButton::clicked, this, &ActPanel::apply);
    connect(m_days, &QComboBox::currentIndexChanged, this, &ActPanel::refreshPreview);
    connect(m_canned, &QComboBox::currentIndexChanged, this, [this] {
        refreshPlaceholders();
        refreshPreview();
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, &ActPanel::refreshPreview);
}

void ActPanel::clearCase()
{
    m_case.reset();
    m_memberFile = {};
    m_memberCard->setText(tr("No case selected."));
    m_suggestion->clear();
    choose(Mode::None);
    refreshEnabled();
}

void ActPanel::setCase(const CaseDetailData &data, const QJsonObject &memberFile,
                       const QString &blockedBy)
{
    const bool other = !m_case || m_case->id != data.id;
    m_case = data;
    m_memberFile = memberFile;
    m_blockedBy = blockedBy;
    const QJsonObject ctx = data.object(QStringLiteral("subject_context"));
    if (ctx.isEmpty()) {
        m_memberCard->setText(data.hasDetail() ? tr("This case is about no member.")
                                               : tr("%1<br/><i>Details arrive when the case is "
                                                    "fetched online.</i>")
                                                     .arg(data.subjectLabel.toHtmlEscaped()));
    } else {
        const QJsonObject user = ctx.value(QStringLiteral("user")).toObject();
        const QJsonObject rating = ctx.value(QStringLiteral("rating")).toObject();
        const QJsonObject wallet = ctx.value(QStringLiteral("wallet")).toObject();
        const QJsonObject sessions = ctx.value(QStringLiteral("sessions")).toObject();
        QStringList strikes;
        for (const QJsonValue v : ctx.value(QStringLiteral("sanctions")).toArray()) {
            const QJsonObject sn = v.toObject();
            if (!sn.value(QStringLiteral("live_strike")).toBool())
                continue;
            const QDateTime at = QDateTime::fromString(s(sn, "created_at"), Qt::ISODateWithMs);
            strikes << tr("%1, lapses %2")
                           .arg(casehtml::words(s(sn, "kind")),
                                QLocale().toString(at.addDays(90).toLocalTime().date(),
                                                   QLocale::ShortFormat));
        }
        m_memberCard->setText(
            tr("<b>%1</b> · %2<br/>since %3 (%4 d)<br/>rating %5 · sessions %6 taught, %7 booked"
               "<br/>wallet %8, %9 in escrow<br/><b>live strikes: %10</b>%11<br/>prior cases %12 · "
               "reports against %13")
                .arg(s(user, "name").toHtmlEscaped(), casehtml::words(s(user, "status")),
                     casehtml::when(user.value(QStringLiteral("created_at"))))
                .arg(ctx.value(QStringLiteral("account_age_days")).toInteger())
                .arg(rating.value(QStringLiteral("mean")).isNull()
                         ? tr("none")
                         : QLocale().toString(rating.value(QStringLiteral("mean")).toDouble(), 'f',
                                              1))
                .arg(sessions.value(QStringLiteral("taught")).toInteger())
                .arg(sessions.value(QStringLiteral("booked")).toInteger())
                .arg(casehtml::credits(wallet.value(QStringLiteral("available")).toInteger()),
                     casehtml::credits(wallet.value(QStringLiteral("in_escrow")).toInteger()))
                .arg(ctx.value(QStringLiteral("live_strikes")).toInt())
                .arg(strikes.isEmpty() ? QString()
                                       : QStringLiteral("<br/>") +
                                             strikes.join(QStringLiteral("<br/>")).toHtmlEscaped())
                .arg(ctx.value(QStringLiteral("prior_cases")).toArray().size())
                .arg(ctx.value(QStringLiteral("reports_against")).toInteger()));
    }
    // The suggested rung, from the detail (live strikes), highlighted on its button.
    const QJsonObject suggested = data.object(QStringLiteral("suggested_action"));
    const QString action = s(suggested, "action");
    for (auto it = m_modeButtons.begin(); it != m_modeButtons.end(); ++it) {
        const bool match = isLadder(it.key()) && actionName(it.key()) == action;
        QFont f = it.value()->font();
        f.setBold(match);
        it.value()->setFont(f);
        // Not by colour alone: the suggested rung also carries a star.
        if (!it.value()->property("plainText").isValid())
            it.value()->setProperty("plainText", it.value()->text());
        const QString plain = it.value()->property("plainText").toString();
        it.value()->setText(match ? QStringLiteral("★ ") + plain : plain);
        it.value()->setStyleSheet(match ? QStringLiteral("QPushButton { border: 2px solid "
                                                         "palette(highlight); }")
                                        : QString());
    }
    if (action.isEmpty()) {
        m_suggestion->setText(data.hasDetail() ? QString()
                                               : tr("The suggestion arrives with the detail."));
    } else {
        const int days = suggested.value(QStringLiteral("duration_days")).toInt();
        m_suggestion->setText(tr("Suggested: <b>%1</b>%2 (live strikes: %3)")
                                  .arg(casehtml::words(action), days == 1 ? tr(" for 1 day")
                                                                : days > 1
                                                                    ? tr(" for %1 days").arg(days)
                                                                    : QString())
                                  .arg(suggested.value(QStringLiteral("live_strikes")).toInt()));
        if (other && days > 0)
            m_days->setCurrentIndex(qMax(0, m_days->findData(days)));
    }
    if (other)
        choose(Mode::None);
    refreshEnabled();
    refreshPreview();
}

bool ActPanel::isLadder(Mode mode) const
{
    return mode == Mode::Dismiss || mode == Mode::Warn || mode == Mode::RemoveContent ||
           mode == Mode::Suspend || mode == Mode::Ban;
}

QString ActPanel::actionName(Mode mode) const
{
    switch (mode) {
    case Mode::Dismiss:
        return QStringLiteral("dismiss");
    case Mode::Warn:
        return QStringLiteral("warn");
    case Mode::RemoveContent:
        return QStringLiteral("remove_content");
    case Mode::Suspend:
        return QStringLiteral("suspend");
    case Mode::Ban:
        return QStringLiteral("ban");
    default:
        return {};
    }
}

QString ActPanel::whyNot(Mode mode) const
{
    if (!m_case)
        return tr("No case selected.");
    const CaseDetailData &c = *m_case;
    const bool moderate = m_workspace->hasPermission(protocol::Permission::ModerateCases);
    const bool senior = m_workspace->hasPermission(protocol::Permission::SeniorModeration);
    const qint64 me = m_workspace->me().id;
    if (!moderate)
        return tr("Your role cannot work cases.");
    if (mode == Mode::Note)
        return {};
    if (!m_blockedBy.isEmpty())
        return m_blockedBy;
    const QString st = c.status;
    const bool theirs = st == QLatin1String("assigned") && c.assigneeId != 0 && c.assigneeId != me;
    const QString claimedBy =
        tr("Claimed by %1. Ask them, or a senior moderator.")
            .arg(c.assigneeName.isEmpty() ? tr("another moderator") : c.assigneeName);
    if (mode == Mode::None) { // claim
        if (st == QLatin1String("open"))
            return {};
        if (st == QLatin1String("escalated"))
            return senior ? QString() : tr("Escalated cases are claimed by a senior moderator.");
        if (st == QLatin1String("assigned"))
            return c.assigneeId == me ? tr("You have claimed this case.") : claimedBy;
        return tr("A %1 case cannot be claimed.").arg(casehtml::words(st).toLower());
    }
    if (mode == Mode::AppealUphold || mode == Mode::AppealOverturn) {
        if (st != QLatin1String("appealed"))
            return tr("There is no pending appeal on this case.");
        if (!senior)
            return tr("Appeals are decided by a senior moderator.");
        if (c.detail.value(QStringLiteral("decided_by")).toInteger() == me)
            return tr("You decided this case; another senior moderator decides its appeal.");
        return {};
    }
    if (mode == Mode::Escalate) {
        if (st != QLatin1String("open") && st != QLatin1String("assigned"))
            return tr("Only open or claimed cases can be escalated.");
        return theirs && !senior ? claimedBy : QString();
    }
    // The ladder.
    if (st == QLatin1String("escalated") && !senior)
        return tr("Escalated cases are decided by a senior moderator.");
    if (st != QLatin1String("open") && st != QLatin1String("assigned") &&
        st != QLatin1String("escalated"))
        return tr("This case is %1; there is nothing to decide.")
            .arg(casehtml::words(st).toLower());
    if (theirs && !senior)
        return claimedBy;
    if (c.detail.value(QStringLiteral("ban_pending")).toBool())
        return tr("A ban proposal on this case waits for a senior's approval.");
    const QString memberStatus = c.object(QStringLiteral("subject_context"))
                                     .value(QStringLiteral("user"))
                                     .toObject()
                                     .value(QStringLiteral("status"))
                                     .toString();
    if (mode != Mode::Dismiss && c.subjectUserId == 0 && c.hasDetail())
        return tr("This case is about no member; it can only be dismissed.");
    if (mode == Mode::RemoveContent && c.subjectType != QLatin1String("message") &&
        c.subjectType != QLatin1String("review") && c.subjectType != QLatin1String("listing"))
        return tr("There is no content to remove: the case is about a %1.").arg(c.subjectType);
    if (mode == Mode::Suspend && !memberStatus.isEmpty() && memberStatus != QLatin1String("active"))
        return tr("The member is %1 already.").arg(memberStatus);
    if (mode == Mode::Ban && memberStatus == QLatin1String("banned"))
        return tr("The member is banned already.");
    return {};
}

bool ActPanel::choose(Mode mode)
{
    const QString why = mode == Mode::None ? QString() : whyNot(mode);
    if (!why.isEmpty()) {
        m_problem->setText(why);
        return false;
    }
    m_mode = mode;
    if (QAbstractButton *b = m_group->button(int(mode)))
        b->setChecked(true);
    else if (QAbstractButton *checked = m_group->checkedButton()) {
        m_group->setExclusive(false);
        checked->setChecked(false);
        m_group->setExclusive(true);
    }
    m_problem->clear();
    const bool ladder = isLadder(mode);
    m_form->setVisible(mode != Mode::None);
    const QHash<Mode, QString> titles{{Mode::Dismiss, tr("Dismiss the case")},
                                      {Mode::Warn, tr("Warn the member")},
                                      {Mode::RemoveContent, tr("Remove the content")},
                                      {Mode::Suspend, tr("Suspend the member")},
                                      {Mode::Ban, tr("Propose a ban")},
                                      {Mode::Escalate, tr("Escalate to a senior moderator")},
                                      {Mode::Note, tr("Internal note")},
                                      {Mode::AppealUphold, tr("Uphold the decision")},
                                      {Mode::AppealOverturn, tr("Overturn the decision")}};
    m_formTitle->setText(titles.value(mode));
    m_days->setVisible(mode == Mode::Suspend);
    m_daysLabel->setVisible(mode == Mode::Suspend);
    m_canned->setVisible(ladder);
    m_cannedLabel->setVisible(ladder);
    m_textLabel->setText(ladder ? tr("Reason in your words (required without a canned reason; "
                                     "added after it with one):")
                         : mode == Mode::Escalate ? tr("Note for the senior moderator (required):")
                         : mode == Mode::Note     ? tr("Note (staff only):")
                                                  : tr("Reason for the decision (required):"));
    m_text->clear();
    refreshReasons();
    refreshPreview();
    if (mode == Mode::Suspend)
        m_days->setFocus();
    else if (ladder)
        m_canned->setFocus();
    else if (mode != Mode::None)
        m_text->setFocus();
    return true;
}

void ActPanel::showProblem(const QString &text)
{
    m_problem->setText(text);
}

void ActPanel::refreshEnabled()
{
    m_claim->setEnabled(whyNot(Mode::None).isEmpty());
    m_claim->setToolTip(whyNot(Mode::None));
    const bool canRelease = m_case && m_case->status == QLatin1String("assigned") &&
                            (m_case->assigneeId == m_workspace->me().id ||
                             m_workspace->hasPermission(protocol::Permission::SeniorModeration)) &&
                            m_blockedBy.isEmpty();
    m_release->setEnabled(canRelease);
    for (auto it = m_modeButtons.begin(); it != m_modeButtons.end(); ++it) {
        const QString why = whyNot(it.key());
        it.value()->setEnabled(why.isEmpty());
        it.value()->setToolTip(why);
    }
    const bool appeal = m_case && m_case->status == QLatin1String("appealed");
    m_modeButtons.value(Mode::AppealUphold)->setVisible(appeal);
    m_modeButtons.value(Mode::AppealOverturn)->setVisible(appeal);
    if (m_mode != Mode::None && !whyNot(m_mode).isEmpty()) {
        const QString why = whyNot(m_mode);
        choose(Mode::None);
        m_problem->setText(why);
    }
}

void ActPanel::refreshReasons()
{
    const QVariant current = m_canned->currentData();
    m_canned->blockSignals(true);
    m_canned->clear();
    m_canned->addItem(tr("Free text only"), QVariant(qint64(0)));
    for (const CannedReason &r : m_reasons->forAction(actionName(m_mode)))
        m_canned->addItem(r.title, QVariant(r.id));
    const int index = m_canned->findData(current);
    m_canned->setCurrentIndex(index >= 0 ? index : 0);
    m_canned->blockSignals(false);
    refreshPlaceholders();
}

void ActPanel::refreshPlaceholders()
{
    QHash<QString, QString> typed;
    for (auto it = m_placeholderEdits.begin(); it != m_placeholderEdits.end(); ++it)
        typed.insert(it.key(), it.value()->text());
    while (m_placeholderForm->rowCount() > 0)
        m_placeholderForm->removeRow(0);
    m_placeholderEdits.clear();
    const auto reason = m_reasons->find(m_canned->currentData().toLongLong());
    if (!reason || !isLadder(m_mode))
        return;
    for (const QString &name : reason->placeholders) {
        if (CannedReason::isStandard(name))
            continue;
        auto *edit = new QLineEdit(typed.value(name), m_form);
        edit->setObjectName(QStringLiteral("placeholder_") + name);
        edit->setAccessibleName(tr("Placeholder %1").arg(name));
        connect(edit, &QLineEdit::textChanged, this, &ActPanel::refreshPreview);
        m_placeholderForm->addRow(casehtml::words(name), edit);
        m_placeholderEdits.insert(name, edit);
    }
}

int ActPanel::suspendDays() const
{
    return m_days->currentData().toInt();
}

QMap<QString, QString> ActPanel::placeholderValues() const
{
    QMap<QString, QString> values;
    if (!m_case)
        return values;
    for (auto it = m_placeholderEdits.begin(); it != m_placeholderEdits.end(); ++it)
        values.insert(it.key(), it.value()->text().trimmed());
    values.insert(QStringLiteral("case_id"), QString::number(m_case->id));
    values.insert(QStringLiteral("category"), m_case->category);
    if (m_mode == Mode::Suspend)
        values.insert(QStringLiteral("duration_days"), QString::number(suspendDays()));
    QString name = m_case->object(QStringLiteral("subject_context"))
                       .value(QStringLiteral("user"))
                       .toObject()
                       .value(QStringLiteral("name"))
                       .toString();
    values.insert(QStringLiteral("member_name"), name.isEmpty() ? m_case->subjectLabel : name);
    return values;
}

QString ActPanel::previewText() const
{
    const QString extra = m_text->toPlainText().trimmed();
    const auto reason = m_reasons->find(m_canned->currentData().toLongLong());
    if (!reason || !isLadder(m_mode))
        return extra;
    const QString filled = reason->fill(placeholderValues());
    return extra.isEmpty() ? filled : filled + u'\n' + extra;
}

void ActPanel::refreshPreview()
{
    if (!m_case || m_mode == Mode::None) {
        m_preview->clear();
        m_preview->hide();
        m_effects->clear();
        return;
    }
    m_preview->show();
    const QString text = previewText();
    const QString shown = text.isEmpty()
                              ? QStringLiteral("<i>%1</i>").arg(tr("(no reason yet)"))
                              : text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br/>"));
    const QString who = m_mode == Mode::Dismiss || m_mode == Mode::Escalate || m_mode == Mode::Note
                            ? tr("Recorded on the case:")
                            : tr("The member will be told:");
    m_preview->setHtml(QStringLiteral("<b>%1</b><br/>%2").arg(who.toHtmlEscaped(), shown));

    const QJsonObject ctx = m_case->object(QStringLiteral("subject_context"));
    const int strikes = ctx.value(QStringLiteral("live_strikes")).toInt();
    const QString name = placeholderValues().value(QStringLiteral("member_name"));
    // Upcoming sessions from the member's cached file when there is one; else what escrow holds.
    QString cancelled;
    const QJsonArray upcoming = m_memberFile.value(QStringLiteral("sessions"))
                                    .toObject()
                                    .value(QStringLiteral("upcoming"))
                                    .toArray();
    if (!m_memberFile.isEmpty()) {
        int teaching = 0, booked = 0;
        qint64 refunded = 0;
        for (const QJsonValue v : upcoming) {
            const QJsonObject u = v.toObject();
            (s(u, "role") == QLatin1String("teacher") ? teaching : booked) += 1;
            refunded += u.value(QStringLiteral("price")).toInteger();
        }
        cancelled = tr("%n upcoming session(s) cancelled (%1 teaching, %2 booked), about %3 "
                       "refunded.",
                       nullptr, teaching + booked)
                        .arg(teaching)
                        .arg(booked)
                        .arg(casehtml::credits(refunded));
    } else {
        cancelled = tr("Every upcoming session they teach or booked is cancelled with full "
                       "refunds (%1 of theirs in escrow).")
                        .arg(casehtml::credits(ctx.value(QStringLiteral("wallet"))
                                                   .toObject()
                                                   .value(QStringLiteral("in_escrow"))
                                                   .toInteger()));
    }
    QString effects;
    switch (m_mode) {
    case Mode::Dismiss:
        effects = tr("The case closes as dismissed. No strike.");
        break;
    case Mode::Warn:
        effects = tr("A strike for %1 (live strikes %2 → %3). The case is resolved.")
                      .arg(name)
                      .arg(strikes)
                      .arg(strikes + 1);
        break;
    case Mode::RemoveContent:
        effects = tr("The %1 is hidden from members, and a strike for %2 (%3 → %4). The case is "
                     "resolved.")
                      .arg(m_case->subjectType, name)
                      .arg(strikes)
                      .arg(strikes + 1);
        break;
    case Mode::Suspend:
        effects = tr("%1 cannot sign in or book until %2; every sign-in is revoked. %3 A strike "
                     "(%4 → %5).")
                      .arg(name,
                           QLocale().toString(QDateTime::currentDateTime().addDays(suspendDays()),
                                              QLocale::ShortFormat),
                           cancelled)
                      .arg(strikes)
                      .arg(strikes + 1);
        break;
    case Mode::Ban:
        effects = tr("A proposal: a senior moderator other than you approves or rejects it in Ban "
                     "approvals. If approved: %1 is banned for good, every sign-in revoked, "
                     "listings hidden. %2")
                      .arg(name, cancelled);
        break;
    case Mode::Escalate:
        effects = tr("The case leaves your hands and waits, unassigned, for a senior moderator.");
        break;
    case Mode::Note:
        effects = tr("Staff only: members never see notes.");
        break;
    case Mode::AppealUphold:
        effects = tr("The decision and its sanctions stand; the case closes.");
        break;
    case Mode::AppealOverturn:
        effects = tr("Every sanction of this case is lifted: strikes stop counting, removed "
                     "content is shown again, a suspended or banned member is active again.");
        break;
    case Mode::None:
        break;
    }
    m_effects->setText(effects);
}

void ActPanel::apply()
{
    if (!m_case || m_mode == Mode::None) {
        m_problem->setText(tr("Choose what to do first (d, w, r, s, b, e or n)."));
        return;
    }
    const QString why = whyNot(m_mode);
    if (!why.isEmpty()) {
        m_problem->setText(why);
        return;
    }
    const QString text = m_text->toPlainText().trimmed();
    const qint64 id = m_case->id;
    client::Action action;
    QString label;
    if (isLadder(m_mode)) {
        const qint64 cannedId = m_canned->currentData().toLongLong();
        if (cannedId == 0 && text.isEmpty()) {
            m_problem->setText(tr("A reason is required: pick a canned reason or write one."));
            m_canned->setFocus();
            return;
        }
        QJsonObject placeholders;
        for (auto it = m_placeholderEdits.begin(); it != m_placeholderEdits.end(); ++it) {
            if (it.value()->text().trimmed().isEmpty()) {
                m_problem->setText(tr("The canned reason needs a value for “%1”.").arg(it.key()));
                it.value()->setFocus();
                return;
            }
            placeholders.insert(it.key(), it.value()->text().trimmed());
        }
        if (text.size() > 2000) {
            m_problem->setText(
                tr("The reason is %1 characters long; at most 2,000 are kept.").arg(text.size()));
            return;
        }
        action = client::actions::decideCase(id, 0, actionName(m_mode), text,
                                             m_mode == Mode::Suspend ? suspendDays() : 0);
        if (cannedId > 0) {
            action.body.insert(QStringLiteral("canned_reason_id"), cannedId);
            if (!placeholders.isEmpty())
                action.body.insert(QStringLiteral("placeholders"), placeholders);
            if (text.isEmpty())
                action.body.remove(QStringLiteral("reason"));
        }
        const QHash<Mode, QString> labels{
            {Mode::Dismiss, tr("Dismissal")},
            {Mode::Warn, tr("Warning")},
            {Mode::RemoveContent, tr("Content removal")},
            {Mode::Suspend, tr("Suspension (%n day(s))", nullptr, suspendDays())},
            {Mode::Ban, tr("Ban proposal")}};
        label = labels.value(m_mode);
    } else {
        if (text.isEmpty()) {
            m_problem->setText(m_mode == Mode::Note ? tr("The note is empty.")
                                                    : tr("A reason is required."));
            m_text->setFocus();
            return;
        }
        if (text.size() > (m_mode == Mode::Escalate || m_mode == Mode::Note ? 4000 : 2000)) {
            m_problem->setText(tr("The text is too long (%1 characters).").arg(text.size()));
            return;
        }
        switch (m_mode) {
        case Mode::Escalate:
            action = client::actions::escalateCase(id, 0, text);
            label = tr("Escalation");
            break;
        case Mode::Note:
            action = client::actions::addCaseNote(id, 0, text);
            label = tr("Note");
            break;
        case Mode::AppealUphold:
            action = client::actions::decideAppeal(id, 0, QStringLiteral("upheld"), text);
            label = tr("Appeal upheld");
            break;
        default:
            action = client::actions::decideAppeal(id, 0, QStringLiteral("overturned"), text);
            label = tr("Appeal overturned");
            break;
        }
    }
    emit actRequested(action, label);
    choose(Mode::None);
}

} // namespace skillex::views
