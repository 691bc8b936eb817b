// casehtml: plain HTML (Qt's rich-text subset) built from the detail JSON; every value escaped.
#include "views/cases/detail/casehtml.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace skillex::views::casehtml {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("skillex::views::casehtml", text, disambiguation, n);
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString esc(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("&mdash;");
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 12);
    if (value.isBool())
        return value.toBool() ? tr("yes") : tr("no");
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue v : value.toArray())
            parts << (v.isString() ? v.toString() : QString::number(v.toDouble()));
        return esc(parts.join(QStringLiteral(", ")));
    }
    return esc(value.toString());
}

QString name(const QJsonValue &person)
{
    const QJsonObject o = person.toObject();
    if (o.isEmpty())
        return tr("system");
    const QString n = o.value(QStringLiteral("name")).toString();
    return n.isEmpty() ? QStringLiteral("#%1").arg(o.value(QStringLiteral("id")).toInteger()) : n;
}

QString section(const QString &title)
{
    return QStringLiteral("<h3 style='margin:10px 0 4px 0'>%1</h3>").arg(esc(title));
}

QString empty(const QString &text)
{
    return QStringLiteral("<p style='color:#6b737d'>%1</p>").arg(esc(text));
}

QString row(const QString &label, const QString &valueHtml, bool changed = false)
{
    return QStringLiteral(
               "<tr><td style='color:#6b737d;padding-right:12px'>%1</td><td%3>%2</td></tr>")
        .arg(esc(label), valueHtml,
             changed ? QStringLiteral(" style='background:#fff3cd;font-weight:600'") : QString());
}

} // namespace

QString when(const QJsonValue &wireTime)
{
    if (wireTime.isDouble())
        return whenMs(qint64(wireTime.toDouble()));
    const QDateTime t = QDateTime::fromString(wireTime.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        return tr("unknown time");
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QString whenMs(qint64 ms)
{
    if (ms <= 0)
        return tr("unknown time");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QString credits(qint64 amount)
{
    return tr("%1 cr").arg(QLocale().toString(amount));
}

QString words(const QString &identifier)
{
    QString text = identifier;
    text.replace(u'_', u' ');
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QString reports(const QJsonObject &detail)
{
    const QJsonArray list = detail.value(QStringLiteral("reports")).toArray();
    if (list.isEmpty())
        return empty(tr("No reports are cached for this case yet. They appear once the case's "
                        "detail has been fetched (online)."));
    QString html;
    for (const QJsonValue v : list) {
        const QJsonObject r = v.toObject();
        html += QStringLiteral("<p style='margin:6px 0'><b>%1</b> &middot; %2 &middot; "
                               "<span style='color:#6b737d'>%3</span><br/>%4</p>")
                    .arg(esc(name(r.value(QStringLiteral("reporter")))),
                         esc(words(r.value(QStringLiteral("category")).toString())),
                         esc(when(r.value(QStringLiteral("created_at")))),
                         esc(r.value(QStringLiteral("description")).toString())
                             .replace(u'\n', QStringLiteral("<br/>")));
    }
    return html;
}

QString priority(const QJsonObject &detail, double storedPriority)
{
    const QJsonObject p = detail.value(QStringLiteral("priority_explanation")).toObject();
    QString html = section(tr("Why this priority"));
    if (p.isEmpty())
        return html + empty(tr("Priority %1. The explanation arrives with the case's detail.")
                                .arg(QLocale().toString(storedPriority, 'f', 1)));
    const QLocale l;
    html += QStringLiteral("<table>");
    html += row(tr("Severity weight"),
                l.toString(p.value(QStringLiteral("severity_weight")).toDouble(), 'f', 0));
    html += row(tr("Distinct reporters"),
                tr("%1 (factor %2)")
                    .arg(p.value(QStringLiteral("distinct_reporters")).toInt())
                    .arg(l.toString(p.value(QStringLiteral("reporter_term")).toDouble(), 'f', 2)));
    html += row(tr("Reporter trust"),
                l.toString(p.value(QStringLiteral("reporter_trust")).toDouble(), 'f', 2));
    html += row(tr("Prior strikes"),
                tr("%1 (factor %2)")
                    .arg(p.value(QStringLiteral("prior_strikes")).toInt())
                    .arg(l.toString(p.value(QStringLiteral("strike_term")).toDouble(), 'f', 2)));
    html += row(tr("Waiting (hours)"),
                tr("+%1").arg(l.toString(p.value(QStringLiteral("age_term")).toDouble(), 'f', 0)));
    html += row(tr("Total now"),
                QStringLiteral("<b>%1</b>")
                    .arg(l.toString(p.value(QStringLiteral("total")).toDouble(), 'f', 1)));
    html += row(tr("In the queue"),
                l.toString(p.value(QStringLiteral("stored")).toDouble(storedPriority), 'f', 1));
    html += QStringLiteral("</table><p style='color:#6b737d'>%1</p>")
                .arg(esc(p.value(QStringLiteral("formula")).toString()));
    return html;
}

QString priorityTooltip(const QJsonObject &detail)
{
    const QJsonObject p = detail.value(QStringLiteral("priority_explanation")).toObject();
    if (p.isEmpty())
        return tr("Open the case online once to see what raised its priority.");
    const QLocale l;
    return tr("severity %1 x reporters %2 x trust %3 x strikes %4 + waiting %5 = %6")
        .arg(l.toString(p.value(QStringLiteral("severity_weight")).toDouble(), 'f', 0),
             l.toString(p.value(QStringLiteral("reporter_term")).toDouble(), 'f', 2),
             l.toString(p.value(QStringLiteral("reporter_trust")).toDouble(), 'f', 2),
             l.toString(p.value(QStringLiteral("strike_term")).toDouble(), 'f', 2),
             l.toString(p.value(QStringLiteral("age_term")).toDouble(), 'f', 0),
             l.toString(p.value(QStringLiteral("total")).toDouble(), 'f', 1));
}

QString subjectContext(const QJsonObject &detail)
{
    const QJsonObject c = detail.value(QStringLiteral("subject_context")).toObject();
    if (c.isEmpty())
        return empty(detail.isEmpty() ? tr("The member's context arrives with the case's detail.")
                                      : tr("This case is about no member."));
    const QJsonObject user = c.value(QStringLiteral("user")).toObject();
    const QJsonObject sessions = c.value(QStringLiteral("sessions")).toObject();
    const QJsonObject rating = c.value(QStringLiteral("rating")).toObject();
    const QJsonObject wallet = c.value(QStringLiteral("wallet")).toObject();
    const QLocale l;
    QString html = QStringLiteral("<table>");
    html += row(tr("Member"), QStringLiteral("<b>%1</b> &lt;%2&gt;")
                                  .arg(esc(user.value(QStringLiteral("name")).toString()),
                                       esc(user.value(QStringLiteral("email")).toString())));
    html += row(tr("Status"), esc(words(user.value(QStringLiteral("status")).toString())));
    html +=
        row(tr("Member since"), tr("%1 (%2 days)")
                                    .arg(when(user.value(QStringLiteral("created_at"))))
                                    .arg(c.value(QStringLiteral("account_age_days")).toInteger()));
    html += row(tr("Live strikes"),
                QStringLiteral("<b>%1</b>").arg(c.value(QStringLiteral("live_strikes")).toInt()));
    html +=
        row(tr("Sessions"), tr("taught %1 (%2 completed), booked %3")
                                .arg(sessions.value(QStringLiteral("taught")).toInteger())
                                .arg(sessions.value(QStringLiteral("taught_completed")).toInteger())
                                .arg(sessions.value(QStringLiteral("booked")).toInteger()));
    html += row(tr("Rating (12 months)"),
                rating.value(QStringLiteral("mean")).isNull()
                    ? tr("no reviews")
                    : tr("%1 from %2 reviews")
                          .arg(l.toString(rating.value(QStringLiteral("mean")).toDouble(), 'f', 2))
                          .arg(rating.value(QStringLiteral("count")).toInteger()));
    html +=
        row(tr("Wallet"), tr("%1 available, %2 in escrow, %3 lots")
                              .arg(credits(wallet.value(QStringLiteral("available")).toInteger()),
                                   credits(wallet.value(QStringLiteral("in_escrow")).toInteger()))
                              .arg(wallet.value(QStringLiteral("lots")).toInteger()));
    html += row(tr("Reports filed by them"),
                QString::number(c.value(QStringLiteral("reports_by")).toInteger()));
    html += row(tr("Reports against them"),
                QString::number(c.value(QStringLiteral("reports_against")).toInteger()));
    html += QStringLiteral("</table>");

    html += section(tr("Sanctions"));
    const QJsonArray sanctions = c.value(QStringLiteral("sanctions")).toArray();
    if (sanctions.isEmpty())
        html += empty(tr("None."));
    for (const QJsonValue v : sanctions) {
        const QJsonObject s = v.toObject();
        QString end;
        if (!s.value(QStringLiteral("lifted_at")).isNull())
            end = tr("lifted %1").arg(when(s.value(QStringLiteral("lifted_at"))));
        else if (!s.value(QStringLiteral("ends_at")).isNull())
            end = tr("ends %1").arg(when(s.value(QStringLiteral("ends_at"))));
        html +=
            QStringLiteral("<p style='margin:3px 0'>%1 <b>%2</b> &middot; %3%4%5<br/>"
                           "<span style='color:#6b737d'>%6</span></p>")
                .arg(s.value(QStringLiteral("live_strike")).toBool() ? QStringLiteral("&#9679;")
                                                                     : QStringLiteral("&#9675;"),
                     esc(words(s.value(QStringLiteral("kind")).toString())),
                     esc(when(s.value(QStringLiteral("created_at")))),
                     end.isEmpty() ? QString() : QStringLiteral(" &middot; ") + esc(end),
                     s.value(QStringLiteral("live_strike")).toBool()
                         ? QStringLiteral(" &middot; <b>") + esc(tr("live strike")) +
                               QStringLiteral("</b>")
                         : QString(),
                     esc(s.value(QStringLiteral("reason")).toString()));
    }
    html += section(tr("Prior cases"));
    const QJsonArray prior = c.value(QStringLiteral("prior_cases")).toArray();
    if (prior.isEmpty())
        html += empty(tr("None."));
    for (const QJsonValue v : prior) {
        const QJsonObject p = v.toObject();
        html +=
            QStringLiteral("<p style='margin:3px 0'>#%1 &middot; %2 &middot; %3 &middot; %4%5</p>")
                .arg(p.value(QStringLiteral("id")).toInteger())
                .arg(esc(words(p.value(QStringLiteral("category")).toString())),
                     esc(p.value(QStringLiteral("severity")).toString()),
                     esc(words(p.value(QStringLiteral("status")).toString())),
                     p.value(QStringLiteral("resolution")).isString()
                         ? QStringLiteral(" (") +
                               esc(words(p.value(QStringLiteral("resolution")).toString())) +
                               QStringLiteral(")")
                         : QString());
    }
    return html;
}

QString history(const QJsonObject &detail)
{
    const QJsonArray list = detail.value(QStringLiteral("history")).toArray();
    if (list.isEmpty())
        return empty(tr("The history arrives with the case's detail."));
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (const QJsonValue v : list) {
        const QJsonObject h = v.toObject();
        QString move;
        const QString from = h.value(QStringLiteral("from_status")).toString();
        const QString to = h.value(QStringLiteral("to_status")).toString();
        if (!to.isEmpty() && from != to)
            move = from.isEmpty() ? words(to) : tr("%1 → %2").arg(words(from), words(to));
        QString details;
        const QJsonValue d = h.value(QStringLiteral("details"));
        if (d.isObject()) {
            const QJsonObject o = d.toObject();
            for (const QString &key :
                 {QStringLiteral("action"), QStringLiteral("reason"), QStringLiteral("note"),
                  QStringLiteral("text"), QStringLiteral("decision")})
                if (o.value(key).isString())
                    details += QStringLiteral("<br/><span style='color:#6b737d'>%1</span>")
                                   .arg(esc(o.value(key).toString()));
        } else if (d.isString()) {
            details =
                QStringLiteral("<br/><span style='color:#6b737d'>%1</span>").arg(esc(d.toString()));
        }
        html += QStringLiteral("<tr><td style='color:#6b737d;white-space:nowrap'>%1</td>"
                               "<td><b>%2</b> %3 <span style='color:#6b737d'>%4</span>%5</td></tr>")
                    .arg(esc(when(h.value(QStringLiteral("at")))),
                         esc(words(h.value(QStringLiteral("action")).toString())),
                         esc(name(h.value(QStringLiteral("actor")))), esc(move), details);
    }
    return html + QStringLiteral("</table>");
}

QString notes(const QJsonObject &detail)
{
    const QJsonArray list = detail.value(QStringLiteral("notes")).toArray();
    if (list.isEmpty())
        return empty(tr("No internal notes yet. Press N to add one."));
    QString html;
    for (const QJsonValue v : list) {
        const QJsonObject n = v.toObject();
        const QJsonObject d = n.value(QStringLiteral("details")).toObject();
        QString text = d.value(QStringLiteral("text")).toString();
        if (text.isEmpty())
            text = n.value(QStringLiteral("text")).toString();
        html += QStringLiteral("<p style='margin:6px 0'><b>%1</b> <span "
                               "style='color:#6b737d'>%2</span><br/>%3</p>")
                    .arg(esc(name(n.value(QStringLiteral("actor")))),
                         esc(when(n.value(QStringLiteral("at")))),
                         esc(text).replace(u'\n', QStringLiteral("<br/>")));
    }
    return html;
}

namespace {

QString transcript(const QJsonObject &snapshot)
{
    QString html;
    const QJsonArray members = snapshot.value(QStringLiteral("conversation"))
                                   .toObject()
                                   .value(QStringLiteral("members"))
                                   .toArray();
    QStringList names;
    for (const QJsonValue m : members)
        names << name(m);
    html += QStringLiteral("<p style='color:#6b737d'>%1</p>")
                .arg(esc(tr("Conversation between %1").arg(names.join(tr(" and ")))));
    const qint64 firstSender =
        members.isEmpty() ? 0 : members.at(0).toObject().value(QStringLiteral("id")).toInteger();
    html += QStringLiteral("<table width='100%' cellspacing='0' cellpadding='6'>");
    for (const QJsonValue v : snapshot.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject m = v.toObject();
        const bool reported = m.value(QStringLiteral("reported")).toBool();
        const bool left = m.value(QStringLiteral("sender_id")).toInteger() == firstSender;
        QString body = m.value(QStringLiteral("body")).isString()
                           ? esc(m.value(QStringLiteral("body")).toString())
                                 .replace(u'\n', QStringLiteral("<br/>"))
                           : QStringLiteral("<i>%1</i>").arg(esc(tr("(no text)")));
        QStringList marks;
        if (!m.value(QStringLiteral("edited_at")).isNull())
            marks << tr("edited");
        if (!m.value(QStringLiteral("deleted_at")).isNull())
            marks << tr("deleted by sender");
        if (!m.value(QStringLiteral("hidden_at")).isNull())
            marks << tr("hidden by moderation");
        for (const QJsonValue a : m.value(QStringLiteral("attachments")).toArray())
            marks << tr("file: %1").arg(a.toObject().value(QStringLiteral("file_name")).toString());
        const QString style =
            reported ? QStringLiteral("border:2px solid #c0392b;background:#fdecea;color:#1f2328")
                     : QStringLiteral("background:%1;color:#8a9099")
                           .arg(left ? QStringLiteral("#eef0f3") : QStringLiteral("#e8f0fc"));
        html +=
            QStringLiteral("<tr><td align='%1'><table cellpadding='6' style='%2'><tr><td>"
                           "<b>%3</b> <span "
                           "style='color:#6b737d'>%4</span>%5<br/>%6%7</td></tr></table></td></tr>")
                .arg(left ? QStringLiteral("left") : QStringLiteral("right"), style,
                     esc(m.value(QStringLiteral("sender_name")).toString()),
                     esc(when(m.value(QStringLiteral("created_at")))),
                     reported ? QStringLiteral(" &nbsp;<b style='color:#c0392b'>&#9873; %1</b>")
                                    .arg(esc(tr("REPORTED")))
                              : QString(),
                     body,
                     marks.isEmpty() ? QString()
                                     : QStringLiteral("<br/><span style='color:#6b737d'>%1</span>")
                                           .arg(esc(marks.join(QStringLiteral(" · ")))));
    }
    html += QStringLiteral("</table>");
    const QJsonObject context = snapshot.value(QStringLiteral("context")).toObject();
    html += QStringLiteral("<p style='color:#6b737d'>%1</p>")
                .arg(esc(
                    tr("Context, dimmed: %1 before and %2 after the reported message, as they were "
                       "when it was reported.")
                        .arg(context.value(QStringLiteral("before")).toInt())
                        .arg(context.value(QStringLiteral("after")).toInt())));
    return html;
}

// Long unbroken values (emails, URLs) may wrap after @ . / _ -, so the then/now columns fit a
// narrow case pane instead of pushing it sideways.
QString breakable(const QString &html)
{
    if (html.size() < 20)
        return html;
    QString out;
    for (const QChar c : html) {
        out += c;
        if (c == u'@' || c == u'.' || c == u'/' || c == u'_' || c == u'-')
            out += QChar(0x200B);
    }
    return out;
}

QString profile(const QJsonObject &snapshot, const QJsonObject &currentUser,
                const QJsonObject &currentProfile)
{
    const QJsonObject user = snapshot.value(QStringLiteral("user")).toObject();
    const QJsonObject then = snapshot.value(QStringLiteral("profile")).toObject();
    QString html = QStringLiteral("<table cellpadding='3'><tr><th></th><th align='left'>%1</th><th "
                                  "align='left'>%2</th></tr>")
                       .arg(esc(tr("When reported")), esc(tr("Now")));
    int changes = 0;
    auto line = [&](const QString &label, const QJsonValue &a, const QJsonValue &b, bool known) {
        const bool changed = known && esc(a) != esc(b);
        changes += changed ? 1 : 0;
        html +=
            QStringLiteral("<tr><td style='color:#6b737d'>%1</td><td>%2</td><td%3>%4</td></tr>")
                .arg(esc(label), breakable(esc(a)),
                     changed ? QStringLiteral(" style='background:#fff3cd;font-weight:600'")
                             : QString(),
                     known ? breakable(esc(b)) + (changed ? QStringLiteral(" &#9998;") : QString())
                           : QStringLiteral("<span style='color:#6b737d'>%1</span>")
                                 .arg(esc(tr("not cached"))));
    };
    const bool haveUser = !currentUser.isEmpty();
    const bool haveProfile = !currentProfile.isEmpty();
    for (const QString &key :
         {QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("status")})
        line(words(key), user.value(key), currentUser.value(key), haveUser);
    for (const QString &key :
         {QStringLiteral("bio"), QStringLiteral("languages"), QStringLiteral("timezone"),
          QStringLiteral("phone"), QStringLiteral("avatar_url")})
        line(words(key), then.value(key), currentProfile.value(key), haveProfile);
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p style='color:#6b737d'>%1</p>")
                .arg(esc(changes == 0 ? tr("No differences in what is known now.")
                                      : tr("%n field(s) changed since the report (marked).",
                                           nullptr, changes)));
    QStringList skills;
    for (const QJsonValue s : snapshot.value(QStringLiteral("skills")).toArray()) {
        const QJsonObject o = s.toObject();
        skills << QStringLiteral("%1 (%2, %3)")
                      .arg(o.value(QStringLiteral("name")).toString(),
                           o.value(QStringLiteral("direction")).toString())
                      .arg(o.value(QStringLiteral("proficiency")).toInt());
    }
    if (!skills.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(esc(tr("Skills:")), esc(skills.join(QStringLiteral(", "))));
    return html;
}

QString sessionCard(const QJsonObject &session)
{
    QString html = QStringLiteral("<table>");
    html += row(tr("Session"), QStringLiteral("#%1 <b>%2</b>")
                                   .arg(session.value(QStringLiteral("id")).toInteger())
                                   .arg(esc(session.value(QStringLiteral("title")).toString())));
    html += row(tr("Teacher"), esc(session.value(QStringLiteral("teacher_name")).toString()));
    html += row(tr("Skill"), esc(session.value(QStringLiteral("skill_name")).toString()));
    html += row(tr("Starts"), esc(when(session.value(QStringLiteral("starts_at")))));
    html += row(tr("Price"), esc(credits(session.value(QStringLiteral("price")).toInteger())));
    html += row(tr("Status"), esc(words(session.value(QStringLiteral("status")).toString())));
    return html + QStringLiteral("</table>");
}

QString session(const QJsonObject &snapshot)
{
    QString html = sessionCard(snapshot.value(QStringLiteral("session")).toObject());
    html += section(tr("Bookings"));
    const QJsonArray bookings = snapshot.value(QStringLiteral("bookings")).toArray();
    if (bookings.isEmpty())
        html += empty(tr("No bookings."));
    for (const QJsonValue v : bookings) {
        const QJsonObject b = v.toObject();
        html += QStringLiteral("<p style='margin:2px 0'>#%1 %2 &middot; %3 &middot; %4</p>")
                    .arg(b.value(QStringLiteral("id")).toInteger())
                    .arg(esc(b.value(QStringLiteral("learner_name")).toString()),
                         esc(words(b.value(QStringLiteral("status")).toString())),
                         esc(credits(b.value(QStringLiteral("price")).toInteger())));
    }
    html += section(tr("Ledger transfers"));
    const QJsonArray transfers = snapshot.value(QStringLiteral("transfers")).toArray();
    if (transfers.isEmpty())
        html += empty(tr("No transfers."));
    else
        html += QStringLiteral("<table cellpadding='2'>");
    for (const QJsonValue v : transfers) {
        const QJsonObject t = v.toObject();
        html += QStringLiteral("<tr><td style='color:#6b737d'>%1</td><td>%2</td><td>%3 → %4</td>"
                               "<td align='right'>%5</td><td style='color:#6b737d'>%6</td></tr>")
                    .arg(esc(when(t.value(QStringLiteral("created_at")))),
                         esc(t.value(QStringLiteral("code")).toString()),
                         esc(t.value(QStringLiteral("debit_account")).toString()),
                         esc(t.value(QStringLiteral("credit_account")).toString()),
                         esc(credits(t.value(QStringLiteral("amount")).toInteger())),
                         esc(t.value(QStringLiteral("kind")).toString()));
    }
    if (!transfers.isEmpty())
        html += QStringLiteral("</table>");
    return html;
}

QString review(const QJsonObject &snapshot)
{
    const QJsonObject r = snapshot.value(QStringLiteral("review")).toObject();
    QString html = QStringLiteral("<table>");
    html += row(tr("By"), esc(r.value(QStringLiteral("reviewer_name")).toString()));
    html += row(tr("About"), esc(r.value(QStringLiteral("reviewee_name")).toString()));
    html += row(tr("Ratings"), tr("knowledge %1, communication %2, professionalism %3")
                                   .arg(r.value(QStringLiteral("knowledge")).toInt())
                                   .arg(r.value(QStringLiteral("communication")).toInt())
                                   .arg(r.value(QStringLiteral("professionalism")).toInt()));
    html += row(tr("Written"), esc(when(r.value(QStringLiteral("created_at")))));
    html +=
        QStringLiteral("</table><p style='border-left:3px solid #c0392b;padding-left:6px'>%1</p>")
            .arg(esc(r.value(QStringLiteral("body")).toString()));
    html += section(tr("Its session"));
    return html + sessionCard(snapshot.value(QStringLiteral("session")).toObject());
}

} // namespace

QString evidence(const QJsonObject &item, const QJsonObject &currentUser,
                 const QJsonObject &currentProfile)
{
    const QString kind = item.value(QStringLiteral("kind")).toString();
    const QJsonObject snapshot = item.value(QStringLiteral("snapshot")).toObject();
    QString html =
        QStringLiteral("<p style='color:#6b737d'>%1</p>")
            .arg(esc(tr("%1 evidence, captured %2 (report #%3)")
                         .arg(words(kind), when(item.value(QStringLiteral("captured_at"))))
                         .arg(item.value(QStringLiteral("report_id")).toInteger())));
    if (kind == QLatin1String("message"))
        return html + transcript(snapshot);
    if (kind == QLatin1String("user"))
        return html + profile(snapshot, currentUser, currentProfile);
    if (kind == QLatin1String("session"))
        return html + session(snapshot);
    if (kind == QLatin1String("review"))
        return html + review(snapshot);
    if (kind == QLatin1String("listing") && snapshot.value(QStringLiteral("listing")).isObject())
        return html + sessionCard(snapshot.value(QStringLiteral("listing")).toObject());
    QString dump;
    for (auto it = snapshot.begin(); it != snapshot.end(); ++it)
        if (!it.value().isObject() && !it.value().isArray())
            dump += row(words(it.key()), esc(it.value()));
    return html + QStringLiteral("<table>") + dump + QStringLiteral("</table>");
}

} // namespace skillex::views::casehtml
