// The case pane's reading side against the real server: a member reports a chat message that
// carries an image; the pane shows the transcript with the reported message marked and the
// image blurred and greyscale until revealed (compared pixel by pixel); another moderator
// opening the case shows as "Also viewing"; and with the server stopped the evidence, image
// included, still opens from the cache.
#include "casetestsupport.h"
#include "guitest.h"
#include "tests/testutils/testactors.h"
#include "tests/testutils/testhttp.h"
#include "views/cases/acting/caseactivitybar.h"
#include "views/cases/detail/attachmenttile.h"
#include "views/cases/detail/casedetailpane.h"
#include "views/cases/detail/evidenceview.h"

#include <QBuffer>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>

using namespace skillex;
using namespace skillex::tests;

namespace {

QByteArray pictureBytes()
{
    QImage image(360, 240, QImage::Format_RGB32);
    image.fill(QColor(250, 240, 200));
    QPainter p(&image);
    p.fillRect(20, 20, 150, 90, QColor(200, 30, 40));
    p.fillRect(190, 120, 150, 100, QColor(30, 90, 210));
    p.setPen(Qt::black);
    QFont f = p.font();
    f.setPixelSize(28);
    p.setFont(f);
    p.drawText(QRect(0, 100, 360, 60), Qt::AlignCenter, QStringLiteral("PAY ME ON PAYPAL"));
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TstCaseDetail : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        applyConsoleLook();
        QVERIFY2(m_h.start(30, 3, 5), qPrintable(m_h.error()));
        m_mod = m_h.openConsole(QStringLiteral("moderator"));
        QVERIFY2(m_mod, qPrintable(m_h.error()));

        // Ana sends Ben a picture in chat; Ben reports the message.
        const testutils::Actor ana =
            testutils::signUpMember(m_h.server(), QStringLiteral("Ana Picture"));
        const testutils::Actor ben =
            testutils::signUpMember(m_h.server(), QStringLiteral("Ben Learner"));
        QVERIFY(ana.isValid() && ben.isValid());
        testutils::TestHttp asAna(m_h.server().baseUrl());
        asAna.setBearer(ana.accessToken);
        testutils::TestHttp asBen(m_h.server().baseUrl());
        asBen.setBearer(ben.accessToken);
        const auto upload = asAna.send("POST", QStringLiteral("/api/v1/attachments"),
                                       pictureBytes(), {{"Content-Type", "image/png"}});
        QCOMPARE(upload.status, 201);
        m_sha = upload.json().value(QStringLiteral("sha256")).toString();
        const qint64 conversation = asAna
                                        .post(QStringLiteral("/api/v1/conversations"),
                                              {{QStringLiteral("member_id"), ben.id}})
                                        .json()
                                        .value(QStringLiteral("id"))
                                        .toInteger();
        QVERIFY(conversation > 0);
        const auto message = [&](testutils::TestHttp &as, const QString &body,
                                 const QJsonArray &files = {}) {
            QJsonObject json{{QStringLiteral("body"), body}};
            if (!files.isEmpty())
                json.insert(QStringLiteral("attachments"), files);
            const auto r = as.post(
                QStringLiteral("/api/v1/conversations/%1/messages").arg(conversation), json);
            return r.json().value(QStringLiteral("id")).toInteger();
        };
        QVERIFY(message(asBen, QStringLiteral("Hi! Is the Tuesday guitar slot still free?")) > 0);
        const qint64 reported = message(
            asAna, QStringLiteral("Yes. Send the money here instead, it is cheaper:"),
            QJsonArray{QJsonObject{{QStringLiteral("sha256"), m_sha},
                                   {QStringLiteral("file_name"), QStringLiteral("payment.png")}}});
        QVERIFY(reported > 0);
        QVERIFY(message(asBen, QStringLiteral("Isn't that against the rules?")) > 0);
        const auto report = asBen.post(
            QStringLiteral("/api/v1/reports"),
            {{QStringLiteral("subject"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                          {QStringLiteral("id"), reported}}},
             {QStringLiteral("category"), QStringLiteral("off_platform_payment")},
             {QStringLiteral("description"), QStringLiteral("Asked me to pay outside Skillex.")}});
        QCOMPARE(report.status, 201);
        m_caseId = serverSql(m_h,
                             QStringLiteral("SELECT id FROM cases WHERE subject_type = 'message' "
                                            "AND subject_id = :m"),
                             {{QStringLiteral(":m"), reported}})
                       .toLongLong();
        QVERIFY(m_caseId > 0);
        // The case reaches the console through the event stream.
        QTRY_VERIFY_WITH_TIMEOUT(cached(*m_mod, m_caseId).has_value(), 20'000);
    }

    void imageBlurredUntilRevealed()
    {
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.resize(1280, 800);
        pane.show();
        pane.showCase(m_caseId);
        QVERIFY(waitForDetail(*m_mod, m_caseId));
        // The file's bytes follow the detail into the cache.
        QTRY_VERIFY_WITH_TIMEOUT(pane.evidenceView()->tiles().size() == 1 &&
                                     !pane.evidenceView()->tiles().first()->shownPixmap().isNull(),
                                 20'000);
        views::AttachmentTile *tile = pane.evidenceView()->tiles().first();
        QCOMPARE(tile->sha256(), m_sha);
        QVERIFY(!tile->isRevealed());
        // The transcript marks the reported message and shows its context.
        const auto texts =
            pane.evidenceView()->findChildren<QLabel *>(QStringLiteral("evidenceText"));
        QCOMPARE(texts.size(), 1);
        QVERIFY(texts.first()->text().contains(QStringLiteral("REPORTED")));
        QVERIFY(texts.first()->text().contains(QStringLiteral("Tuesday guitar slot")));
        QVERIFY(texts.first()->text().contains(QStringLiteral("against the rules")));
        QVERIFY(tile->findChild<QLabel *>(QStringLiteral("attachmentHash"))->toolTip() == m_sha);

        const QImage hidden = tile->shownPixmap().toImage();
        QVERIFY2(hidden.allGray(), "the unrevealed image must be greyscale");
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_evidence_blurred")));

        tile->findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
        QVERIFY(tile->isRevealed());
        const QImage shown = tile->shownPixmap().toImage();
        QVERIFY2(!shown.allGray(), "the revealed image has its colours");
        QCOMPARE(shown.size(), hidden.size());
        // Blurred: the sharp edges of the revealed picture are gone (neighbouring pixels differ
        // far less), and the pixels are not the picture's.
        const auto edges = [](const QImage &image) {
            const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
            qint64 sum = 0;
            for (int y = 0; y < g.height(); ++y)
                for (int x = 1; x < g.width(); ++x)
                    sum += qAbs(int(g.pixelColor(x, y).red()) - int(g.pixelColor(x - 1, y).red()));
            return sum;
        };
        QVERIFY2(edges(hidden) * 3 < edges(shown),
                 qPrintable(QStringLiteral("%1 vs %2").arg(edges(hidden)).arg(edges(shown))));
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_evidence_revealed")));

        // The other sections of the same case.
        auto *tabs = pane.findChild<QTabWidget *>(QStringLiteral("caseTabs"));
        tabs->setCurrentIndex(1);
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_reports")));
        tabs->setCurrentIndex(2);
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_context")));
        tabs->setCurrentIndex(3);
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_history")));
    }

    void presenceOfAnotherModerator()
    {
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.resize(1280, 800);
        pane.show();
        pane.showCase(m_caseId);
        auto other = m_h.openConsole(QStringLiteral("senior_moderator"));
        QVERIFY2(other, qPrintable(m_h.error()));
        {
            views::CaseDetailPane theirs(&other->workspace);
            theirs.showCase(m_caseId);
            QTRY_VERIFY_WITH_TIMEOUT(pane.presenceText().contains(QStringLiteral("Also viewing")),
                                     15'000);
            QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_presence")));
        }
        // Their pane closed: they left the case.
        QTRY_VERIFY_WITH_TIMEOUT(pane.presenceText().isEmpty(), 15'000);
    }

    void evidenceReadableWithTheServerStopped()
    {
        QVERIFY(m_h.server().stop());
        views::CaseDetailPane pane(&m_mod->workspace);
        pane.resize(1280, 800);
        pane.show();
        pane.showCase(m_caseId);
        QCOMPARE(pane.evidenceView()->tiles().size(), 1);
        views::AttachmentTile *tile = pane.evidenceView()->tiles().first();
        QVERIFY(!tile->shownPixmap().isNull());
        QVERIFY(tile->shownPixmap().toImage().allGray());
        tile->reveal();
        QVERIFY(!tile->shownPixmap().toImage().allGray());
        const auto texts =
            pane.evidenceView()->findChildren<QLabel *>(QStringLiteral("evidenceText"));
        QCOMPARE(texts.size(), 1);
        QVERIFY(texts.first()->text().contains(QStringLiteral("Send the money here instead")));
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_offline")));

        // Acting offline: the note is queued and the case says so; nothing is lost.
        pane.setUndoWindow(0);
        pane.addNote();
        pane.findChild<QPlainTextEdit *>(QStringLiteral("reasonText"))
            ->setPlainText(
                QStringLiteral("Image looks like a payment QR code; check with finance."));
        pane.findChild<QPushButton *>(QStringLiteral("applyButton"))->click();
        QTRY_VERIFY(pane.activityBar()->shownEntry().has_value());
        QTRY_VERIFY2(pane.activityBar()->text().contains(QStringLiteral("queued")),
                     qPrintable(pane.activityBar()->text()));
        QVERIFY(client::outboxStateIsOpen(pane.activityBar()->shownEntry()->state));
        QCOMPARE(pane.activityBar()->shownEntry()->action.kind, QStringLiteral("case.note"));
        QVERIFY(saveScreenshot(&pane, QStringLiteral("case_detail_offline_queued")));
    }

private:
    ConsoleHarness m_h;
    std::unique_ptr<StaffConsole> m_mod;
    QString m_sha;
    qint64 m_caseId = 0;
};

QTEST_MAIN(TstCaseDetail)
#include "tst_case_detail.moc"
