// Word lists for simulated members. Nothing here is real data.
#include "server/sim/simcontent.h"

namespace skillex::sim::content {
namespace {

const QString &pick(QRandomGenerator &rng, const QStringList &list)
{
    return list.at(static_cast<int>(rng.bounded(list.size())));
}

const QStringList kFirst = {
    QStringLiteral("Aarav"),  QStringLiteral("Priya"),  QStringLiteral("Lukas"),
    QStringLiteral("Sofia"),  QStringLiteral("Giulia"), QStringLiteral("Marco"),
    QStringLiteral("Ananya"), QStringLiteral("Jonas"),  QStringLiteral("Emma"),
    QStringLiteral("Noah"),   QStringLiteral("Isha"),   QStringLiteral("Leon"),
    QStringLiteral("Chiara"), QStringLiteral("Rohan"),  QStringLiteral("Mia"),
    QStringLiteral("Felix"),  QStringLiteral("Aditi"),  QStringLiteral("Luca"),
    QStringLiteral("Hannah"), QStringLiteral("Kabir"),  QStringLiteral("Elena"),
    QStringLiteral("Omar"),   QStringLiteral("Zoe"),    QStringLiteral("Vikram"),
    QStringLiteral("Lea"),    QStringLiteral("Tomás"),  QStringLiteral("Meera"),
    QStringLiteral("Paul"),   QStringLiteral("Sara"),   QStringLiteral("Arjun")};
const QStringList kLast = {
    QStringLiteral("Sharma"), QStringLiteral("Müller"),  QStringLiteral("Rossi"),
    QStringLiteral("Patel"),  QStringLiteral("Schmidt"), QStringLiteral("Bianchi"),
    QStringLiteral("Gupta"),  QStringLiteral("Weber"),   QStringLiteral("Romano"),
    QStringLiteral("Iyer"),   QStringLiteral("Fischer"), QStringLiteral("Esposito"),
    QStringLiteral("Reddy"),  QStringLiteral("Wagner"),  QStringLiteral("Ricci"),
    QStringLiteral("Nair"),   QStringLiteral("Becker"),  QStringLiteral("Greco"),
    QStringLiteral("Khan"),   QStringLiteral("Hoffmann")};

} // namespace

QString personName(QRandomGenerator &rng)
{
    return pick(rng, kFirst) + QLatin1Char(' ') + pick(rng, kLast);
}

QString emailFor(const QString &name, int serial)
{
    QString local = name.toLower();
    local.replace(QLatin1Char(' '), QLatin1Char('.'));
    local.replace(QStringLiteral("ü"), QStringLiteral("ue"))
        .replace(QStringLiteral("á"), QStringLiteral("a"));
    return QStringLiteral("%1.%2@members.demo.skillex.local").arg(local).arg(serial);
}

QString sessionTitle(QRandomGenerator &rng, const QString &skillName)
{
    static const QStringList forms = {
        QStringLiteral("%1 for beginners"), QStringLiteral("%1: first steps"),
        QStringLiteral("Practical %1"),     QStringLiteral("%1 Q&A and practice"),
        QStringLiteral("Level up your %1"), QStringLiteral("%1 workshop")};
    return pick(rng, forms).arg(skillName);
}

QString friendlyOpening(QRandomGenerator &rng)
{
    static const QStringList lines = {
        QStringLiteral("Hi! I just booked your session, looking forward to it."),
        QStringLiteral("Hello, is there anything I should prepare before we start?"),
        QStringLiteral("Hey, could we focus on the basics first? I'm quite new to this."),
        QStringLiteral("Thanks for offering this session! Do I need any software installed?"),
        QStringLiteral("Hi, I might be two minutes late, sorry in advance."),
        QStringLiteral("Namaste! Excited to learn from you.")};
    return pick(rng, lines);
}

QString friendlyReply(QRandomGenerator &rng)
{
    static const QStringList lines = {
        QStringLiteral("Great to have you! Just bring your questions."),
        QStringLiteral("No preparation needed, see you then."),
        QStringLiteral("Sure, we'll start with the fundamentals."),
        QStringLiteral("A notebook helps, nothing else needed."),
        QStringLiteral("No problem, the link stays open.")};
    return pick(rng, lines);
}

QString reviewText(QRandomGenerator &rng, int stars)
{
    static const QStringList good = {QStringLiteral("Clear explanations and very patient."),
                                     QStringLiteral("Exactly what I needed, will book again."),
                                     QStringLiteral("Well prepared and friendly."),
                                     QStringLiteral("Great pace, lots of practical examples.")};
    static const QStringList mixed = {QStringLiteral("Good content but started late."),
                                      QStringLiteral("Okay session, a bit rushed at the end.")};
    static const QStringList bad = {QStringLiteral("Did not cover what was promised."),
                                    QStringLiteral("Hard to follow and distracted.")};
    return pick(rng, stars >= 4 ? good : stars == 3 ? mixed : bad);
}

QString abusiveMessage(QRandomGenerator &rng, const QString &category)
{
    if (category == QStringLiteral("harassment"))
        return pick(rng, {QStringLiteral("You are useless, nobody wants to learn from you. Quit."),
                          QStringLiteral("I know where you live, answer me NOW."),
                          QStringLiteral("Stupid question again? Are you even trying?")});
    if (category == QStringLiteral("off_platform_payment"))
        return pick(
            rng,
            {QStringLiteral(
                 "Let's skip the credits, pay me 15 USD on PayPal and I'll teach you directly."),
             QStringLiteral(
                 "Send me your WhatsApp, we can do sessions outside Skillex for cash, cheaper.")});
    if (category == QStringLiteral("scam"))
        return pick(
            rng, {QStringLiteral(
                      "Buy my certification pack for 200 USD, guaranteed job, send gift cards."),
                  QStringLiteral(
                      "I'm from Skillex support, send me your password to unlock your wallet.")});
    if (category == QStringLiteral("spam"))
        return pick(rng, {QStringLiteral("BEST followers 10k for $5!!! visit cheap-growth dot biz"),
                          QStringLiteral("Crypto signals group, 300% profit weekly, join now!!!")});
    if (category == QStringLiteral("inappropriate_content"))
        return pick(
            rng, {QStringLiteral("[explicit content removed by the simulator]"),
                  QStringLiteral("Sending you some pictures you will not want your boss to see.")});
    if (category == QStringLiteral("impersonation"))
        return QStringLiteral(
            "Hi, I'm the famous chef from TV, book my sessions to learn my secret recipes.");
    return QStringLiteral("This message makes no sense and keeps coming.");
}

QString reportDescription(QRandomGenerator &rng, const QString &category)
{
    if (category == QStringLiteral("harassment"))
        return pick(rng, {QStringLiteral("Keeps insulting me in chat."),
                          QStringLiteral("Threatening messages after I cancelled.")});
    if (category == QStringLiteral("scam"))
        return QStringLiteral("Asked me for money and my password.");
    if (category == QStringLiteral("off_platform_payment"))
        return QStringLiteral("Wants to be paid outside the platform.");
    if (category == QStringLiteral("inappropriate_content"))
        return QStringLiteral("Sent inappropriate content.");
    if (category == QStringLiteral("impersonation"))
        return QStringLiteral("Pretends to be a celebrity chef.");
    if (category == QStringLiteral("no_show"))
        return pick(rng, {QStringLiteral("The teacher never joined the call."),
                          QStringLiteral("Waited 30 minutes, nobody came.")});
    if (category == QStringLiteral("spam"))
        return QStringLiteral("Advertising in every message.");
    return QStringLiteral("Something felt off about this.");
}

} // namespace skillex::sim::content
