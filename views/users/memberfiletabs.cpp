// MemberFileTabs: one small builder per tab; each table is sortable and has an empty state.
#include "views/users/memberfiletabs.h"

#include "views/users/userformat.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace skillex::views::memberfiletabs {

namespace uf = userformat;

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("skillex::views::MemberFileTabs", text, nullptr, n);
}

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}
QJsonArray arr(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toArray();
}

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setObjectName(QStringLiteral("placeholderText"));
    return label;
}

// A page with an optional heading line and a table; the table says when it is empty.
QWidget *tablePage(const QString &heading, QTableWidget *table, const QString &empty,
                   QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    if (!heading.isEmpty()) {
        auto *label = new QLabel(heading, page);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    table->setParent(page);
    layout->addWidget(table, 1);
    if (table->rowCount() == 0)
        layout->addWidget(note(empty, page));
    table->resizeColumnsToContents();
    // Long texts (reasons) are elided, with the whole text on hover, not pushed off-screen.
    for (int c = 0; c < table->columnCount(); ++c)
        table->setColumnWidth(c, qMin(table->columnWidth(c), 200));
    table->horizontalHeader()->setStretchLastSection(true);
    return page;
}

QWidget *profileTab(const QJsonObject &d, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *form = new QFormLayout(page);
    const QJsonObject p = obj(d, "profile");
    auto add = [&](const QString &label, const QString &value) {
        auto *v = new QLabel(value, page);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        v->setWordWrap(true);
        form->addRow(label, v);
    };
    add(tr("Email"),
        d.value(QStringLiteral("email")).toString() +
            (d.value(QStringLiteral("email_verified")).toBool() ? tr(" (verified)")
                                                                : tr(" (not verified)")));
    add(tr("Account"), tr("%1, %2 days old")
                           .arg(d.value(QStringLiteral("kind")).toString())
                           .arg(d.value(QStringLiteral("account_age_days")).toInt()));
    if (d.contains(QStringLiteral("roles")))
        add(tr("Roles"), uf::text(d.value(QStringLiteral("roles"))));
    if (!p.isEmpty()) {
        add(tr("Phone"), uf::text(p.value(QStringLiteral("phone"))));
        add(tr("Languages"), uf::text(p.value(QStringLiteral("languages"))));
        add(tr("Timezone"), uf::text(p.value(QStringLiteral("timezone"))));
        add(tr("Bio"), uf::text(p.value(QStringLiteral("bio"))));
        add(tr("Referral code"), uf::text(p.value(QStringLiteral("referral_code"))));
        add(tr("Referred by"), uf::text(p.value(QStringLiteral("referred_by"))));
        add(tr("Last active"), uf::time(p.value(QStringLiteral("last_active_at"))));
        if (!p.value(QStringLiteral("deleted_at")).isNull())
            add(tr("Deleted"), uf::time(p.value(QStringLiteral("deleted_at"))));
    }
    const QJsonObject rating = obj(d, "rating");
    if (!rating.isEmpty())
        add(tr("Rating (12 months)"),
            rating.value(QStringLiteral("mean")).isNull()
                ? tr("no reviews")
                : tr("%1 (reviews: %2)")
                      .arg(QLocale().toString(rating.value(QStringLiteral("mean")).toDouble(), 'f',
                                              2),
                           QLocale().toString(rating.value(QStringLiteral("count")).toInt())));
    add(tr("Member since"), uf::date(d.value(QStringLiteral("created_at"))));
    return page;
}

QWidget *skillsTab(const QJsonObject &d, QWidget *parent)
{
    auto *t = uf::makeTable({tr("Skill"), tr("Direction"), tr("Proficiency"), tr("Verified")},
                            tr("Skills"), parent);
    for (const QJsonValue &v : arr(d, "skills")) {
        const QJsonObject s = v.toObject();
        uf::appendRow(t,
                      {s.value(QStringLiteral("name")).toString(),
                       s.value(QStringLiteral("direction")).toString(),
                       s.value(QStringLiteral("proficiency")).toInt(),
                       s.value(QStringLiteral("verified")).toBool() ? tr("verified") : QString()});
    }
    return tablePage({}, t, tr("No skills on this profile."), parent);
}

QString counts(const QJsonObject &o)
{
    QStringList parts;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("total"))
            parts << QStringLiteral("%1 %2").arg(it.value().toInt()).arg(it.key());
    return tr("%1 in all").arg(o.value(QStringLiteral("total")).toInt()) +
           (parts.isEmpty()
                ? QString()
                : QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QStringLiteral(")"));
}

QWidget *sessionsTab(const QJsonObject &d, QWidget *parent)
{
    const QJsonObject s = obj(d, "sessions");
    auto *t = uf::makeTable(
        {tr("Starts"), tr("Title"), tr("Role"), tr("Status"), tr("Price"), tr("Session")},
        tr("Upcoming sessions"), parent);
    for (const QJsonValue &v : arr(s, "upcoming")) {
        const QJsonObject u = v.toObject();
        uf::appendRow(t, {uf::timeCell(u.value(QStringLiteral("starts_at"))),
                          u.value(QStringLiteral("title")).toString(),
                          u.value(QStringLiteral("role")).toString(),
                          u.value(QStringLiteral("status")).toString(),
                          uf::credits(u.value(QStringLiteral("price")).toInteger()),
                          u.value(QStringLiteral("id")).toInteger()});
    }
    return tablePage(
        tr("Taught: %1\nLearned: %2").arg(counts(obj(s, "taught")), counts(obj(s, "learned"))), t,
        tr("No upcoming sessions."), parent);
}

QWidget *walletTab(const QJsonObject &d, QWidget *parent)
{
    const QJsonObject w = obj(d, "wallet");
    auto *t = uf::makeTable({tr("Source"), tr("Granted"), tr("Amount"), tr("Left"), tr("Expires")},
                            tr("Credit lots"), parent);
    for (const QJsonValue &v : arr(w, "lots")) {
        const QJsonObject l = v.toObject();
        uf::appendRow(t, {l.value(QStringLiteral("source")).toString(),
                          uf::date(l.value(QStringLiteral("granted_at"))),
                          l.value(QStringLiteral("amount")).toInteger(),
                          l.value(QStringLiteral("remaining")).toInteger(),
                          uf::date(l.value(QStringLiteral("expires_at")))});
    }
    return tablePage(tr("Available %1 · in escrow %2 · lots with credits left: %3")
                         .arg(uf::credits(w.value(QStringLiteral("available")).toInteger()),
                              uf::credits(w.value(QStringLiteral("held")).toInteger()),
                              QLocale().toString(w.value(QStringLiteral("lot_count")).toInt())),
                     t, tr("No credits left in any lot."), parent);
}

QWidget *sanctionsTab(const QJsonObject &d, QWidget *parent)
{
    auto *t = uf::makeTable(
        {tr("Kind"), tr("Given"), tr("Ends"), tr("Lifted"), tr("Strike"), tr("Case"), tr("Reason")},
        tr("Sanctions"), parent);
    for (const QJsonValue &v : arr(d, "sanctions")) {
        const QJsonObject s = v.toObject();
        uf::appendRow(t, {s.value(QStringLiteral("kind")).toString(),
                          uf::timeCell(s.value(QStringLiteral("created_at"))),
                          uf::timeCell(s.value(QStringLiteral("ends_at"))),
                          uf::timeCell(s.value(QStringLiteral("lifted_at"))),
                          s.value(QStringLiteral("strike")).toInt(),
                          uf::text(s.value(QStringLiteral("case_id"))),
                          s.value(QStringLiteral("reason")).toString()});
    }
    const int live = obj(d, "strikes").value(QStringLiteral("live")).toInt();
    return tablePage(tr("Live strikes: %1 (strikes lapse after 90 days)").arg(live), t,
                     tr("No sanctions on this file."), parent);
}

QWidget *reportsTab(const QJsonObject &d, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    auto reports = [&](const char *key, const QString &title) {
        const QJsonObject r = obj(d, key);
        auto *t = uf::makeTable(
            {tr("Filed"), tr("Category"), tr("Subject"), tr("Case"), tr("Report")}, title, page);
        for (const QJsonValue &v : arr(r, "latest")) {
            const QJsonObject x = v.toObject();
            const QJsonObject subject = x.value(QStringLiteral("subject")).toObject();
            uf::appendRow(
                t, {uf::timeCell(x.value(QStringLiteral("created_at"))),
                    x.value(QStringLiteral("category")).toString(),
                    QStringLiteral("%1 %2").arg(subject.value(QStringLiteral("type")).toString(),
                                                uf::text(subject.value(QStringLiteral("id")))),
                    uf::text(x.value(QStringLiteral("case_id"))),
                    x.value(QStringLiteral("id")).toInteger()});
        }
        layout->addWidget(new QLabel(tr("%1: %2 in all (the latest shown)")
                                         .arg(title)
                                         .arg(r.value(QStringLiteral("count")).toInt()),
                                     page));
        layout->addWidget(t, 1);
        if (t->rowCount() == 0) {
            t->hide();
            layout->addWidget(note(tr("None."), page));
        }
    };
    reports("reports_against", tr("Reports against them"));
    reports("reports_filed", tr("Reports they filed"));
    auto *cases = uf::makeTable({tr("Case"), tr("Opened"), tr("Category"), tr("Severity"),
                                 tr("Status"), tr("Reports"), tr("Closed")},
                                tr("Cases about them"), page);
    for (const QJsonValue &v : arr(d, "cases")) {
        const QJsonObject c = v.toObject();
        uf::appendRow(cases, {c.value(QStringLiteral("id")).toInteger(),
                              uf::timeCell(c.value(QStringLiteral("opened_at"))),
                              c.value(QStringLiteral("category")).toString(),
                              c.value(QStringLiteral("severity")).toString(),
                              c.value(QStringLiteral("status")).toString(),
                              c.value(QStringLiteral("report_count")).toInt(),
                              uf::timeCell(c.value(QStringLiteral("closed_at")))});
    }
    layout->addWidget(new QLabel(tr("Cases about them"), page));
    layout->addWidget(cases, 1);
    if (cases->rowCount() == 0) {
        cases->hide();
        layout->addWidget(note(tr("No cases about them."), page));
    }
    layout->addStretch(0); // holds the lines together when every table is hidden
    return page;
}

QWidget *auditTab(const QJsonObject &d, QWidget *parent)
{
    auto *t = uf::makeTable({tr("Time"), tr("Actor"), tr("Action"), tr("Reason")},
                            tr("Audit entries about this account"), parent);
    for (const QJsonValue &v : arr(d, "recent_audit")) {
        const QJsonObject a = v.toObject();
        uf::appendRow(t, {uf::timeCell(a.value(QStringLiteral("at"))),
                          a.value(QStringLiteral("actor_label")).toString(),
                          a.value(QStringLiteral("action")).toString(),
                          a.value(QStringLiteral("reason")).toString()});
    }
    return tablePage(tr("The 20 newest entries whose target is this account; the Audit area "
                        "has the whole log."),
                     t, tr("Nothing in the audit log about this account."), parent);
}

} // namespace

void fill(QTabWidget *tabs, const QJsonObject &detail)
{
    const int current = tabs->currentIndex();
    while (tabs->count() > 0) {
        QWidget *w = tabs->widget(0);
        tabs->removeTab(0);
        w->deleteLater();
    }
    const bool member = detail.value(QStringLiteral("kind")).toString() != QLatin1String("staff");
    tabs->addTab(profileTab(detail, tabs), tr("&Profile"));
    if (member) {
        tabs->addTab(skillsTab(detail, tabs), tr("S&kills"));
        tabs->addTab(sessionsTab(detail, tabs), tr("Sess&ions"));
        tabs->addTab(walletTab(detail, tabs), tr("&Wallet"));
        tabs->addTab(sanctionsTab(detail, tabs), tr("Sa&nctions"));
        tabs->addTab(reportsTab(detail, tabs), tr("&Reports and cases"));
    }
    tabs->addTab(auditTab(detail, tabs), tr("A&udit"));
    if (current >= 0 && current < tabs->count())
        tabs->setCurrentIndex(current);
}

} // namespace skillex::views::memberfiletabs
