// The marketplace's numbers (DOMAIN.md "default" values), in one place, so the simulator,
// the tests and an operator's future settings all change the same thing.
#pragma once

#include <QList>
#include <QString>

namespace skillex::server {

struct CreditPackage {
    QString id;       // "stripe-100", "razorpay-500", ...
    QString provider; // "stripe" or "razorpay"
    int credits = 0;
    qint64 amountMinor = 0;
    QString currency; // ISO 4217, upper case
};

struct MarketplaceConfig {
    qint64 starterBonus = 50;
    qint64 referralBonus = 25; // to each side
    int defaultPrice = 10;
    int premiumMinPrice = 15; // teachers rated 4.8+ with 50+ completed sessions
    int premiumMaxPrice = 20;
    double premiumMinRating = 4.8;
    int premiumMinCompleted = 50;
    int feePercent = 10;               // platform fee on completed sessions, rounded down
    int lateCancelHours = 24;          // a learner cancelling later than this pays the late share
    int lateCancelTeacherPercent = 50; // of the price, to the teacher, no fee
    int learnerNoShowTeacherPercent = 100; // posted like a completion (fee applies)
    qint64 lotLifetimeMs = 365LL * 24 * 3600 * 1000;
    qint64 adjustmentApprovalThreshold = 500; // credits; above it a second approver is needed
    int maxGroupSize = 8;
    QString meetingBaseUrl = QStringLiteral("https://meet.jit.si");
    qint64 attachmentMaxBytes = 10 * 1024 * 1024;
    QList<CreditPackage> packages = {
        {QStringLiteral("stripe-100"), QStringLiteral("stripe"), 100, 1000, QStringLiteral("USD")},
        {QStringLiteral("stripe-500"), QStringLiteral("stripe"), 500, 4500, QStringLiteral("USD")},
        {QStringLiteral("stripe-1000"), QStringLiteral("stripe"), 1000, 8000,
         QStringLiteral("USD")},
        {QStringLiteral("razorpay-100"), QStringLiteral("razorpay"), 100, 80000,
         QStringLiteral("INR")},
        {QStringLiteral("razorpay-500"), QStringLiteral("razorpay"), 500, 360000,
         QStringLiteral("INR")},
        {QStringLiteral("razorpay-1000"), QStringLiteral("razorpay"), 1000, 640000,
         QStringLiteral("INR")},
    };
};

} // namespace skillex::server
