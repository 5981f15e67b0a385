// The language notice: text in another language than the pair's source is reported, with the
// installed pair that reads it one click away; in TranslateView, opening a French file while
// English → German is selected switches to French → English by itself and says so, with the
// way back one click away; typing French only brings the offer.

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "support/test_models.h"
#include "ui/app_settings.h"
#include "ui/engine_service.h"
#include "ui/engine_worker.h"
#include "ui/language_notice.h"
#include "ui/translate_view.h"

using namespace attentive::ui;

namespace {

const QString kFrench = QStringLiteral("Je suis allé au marché avec ma sœur et nous avons acheté des pommes.");
const QString kEnglish = QStringLiteral("I went to the market with my sister and we bought some apples.");
const QString kCzech = QStringLiteral("Muž v modrém tričku leze po skalní stěně a usmívá se.");

ModelInfo pair(const QString& path, const QString& source, const QString& target) {
    ModelInfo info;
    info.path = path;
    info.name = source + "-" + target;
    info.task = QStringLiteral("translate");
    info.sourceLanguage = source;
    info.targetLanguage = target;
    return info;
}

}  // namespace

class TestLanguageNotice : public QObject {
    Q_OBJECT

private slots:
    void offersThePairThatReadsTheText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("shown");
        QTest::addColumn<QString>("detected");
        QTest::addColumn<QString>("offered");
        QTest::newRow("french into en-de") << kFrench << true << "fr" << "/m/fr-en";
        QTest::newRow("english into en-de") << kEnglish << false << "" << "";
        QTest::newRow("too short to tell") << QStringLiteral("Bonjour !") << false << "" << "";
        QTest::newRow("czech: no pair") << kCzech << true << "other" << "";
        QTest::newRow("empty") << QString() << false << "" << "";
    }

    void offersThePairThatReadsTheText() {
        QFETCH(QString, text);
        QFETCH(bool, shown);
        QFETCH(QString, detected);
        QFETCH(QString, offered);
        const QVector<ModelInfo> models = {pair("/m/en-de", "en", "de"), pair("/m/fr-en", "fr", "en"),
                                           pair("/m/en-fr", "en", "fr")};
        QWidget window;
        auto* notice = new LanguageNotice(&window);
        window.show();
        notice->check(text, models[0], models);
        QCOMPARE(notice->isVisible(), shown);
        QCOMPARE(notice->detectedLanguage(), detected);
        QCOMPARE(notice->offeredModel(), offered);
        auto* button = notice->findChild<QPushButton*>(QStringLiteral("languageNoticeSwitch"));
        QVERIFY(button);
        QCOMPARE(button->isVisible(), shown && !offered.isEmpty());
        if (!button->isVisible()) return;
        QVERIFY(button->text().contains(QStringLiteral("French")));
        QSignalSpy requested(notice, &LanguageNotice::modelRequested);
        button->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), offered);
    }

    void prefersTheSameTargetLanguage() {
        const QVector<ModelInfo> models = {pair("/m/en-fr", "en", "fr"), pair("/m/de-en", "de", "en"),
                                           pair("/m/de-fr", "de", "fr")};
        LanguageNotice notice;
        notice.check(QStringLiteral("Ich bin mit meiner Schwester auf den Markt gegangen."), models[0], models);
        QCOMPARE(notice.detectedLanguage(), QStringLiteral("de"));
        QCOMPARE(notice.offeredModel(), QStringLiteral("/m/de-fr"));
    }

    void translateViewSwitchesForAnOpenedFileNotForTyping() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVector<ModelInfo> models;
        for (const auto& [source, target] : {std::pair{"en", "de"}, std::pair{"fr", "en"}}) {
            const QString folder = dir.filePath(QStringLiteral("%1-%2").arg(source, target));
            auto config = attentive::testing::tiny_config();
            config.name = QStringLiteral("%1-%2").arg(source, target).toStdString();
            config.source_language = source;
            config.target_language = target;
            attentive::testing::write_random_model(folder.toStdString(), config, 1);
            models.append(readModelInfo(folder));
        }
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        settings.setBeamSize(1);
        settings.setTranslateAsYouType(false);
        EngineService service;
        TranslateView view(&service, &settings);
        view.show();
        view.setModels(models);
        view.selectModel(models[0].path);
        QTRY_VERIFY_WITH_TIMEOUT(view.isModelReady(), 60000);
        auto* notice = view.findChild<LanguageNotice*>(QStringLiteral("languageNotice"));
        QVERIFY(notice);
        auto* button = notice->findChild<QPushButton*>(QStringLiteral("languageNoticeSwitch"));
        QVERIFY(button);

        // Opened: translated French → English at once, the way back offered.
        QFile file(dir.filePath(QStringLiteral("french.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kFrench.toUtf8());
        file.close();
        QVERIFY(view.openFile(file.fileName()));
        QCOMPARE(view.currentModel(), models[1].path);
        QVERIFY(notice->isVisible());
        QVERIFY(button->text().contains(QStringLiteral("Back to English → German")));
        QTRY_VERIFY_WITH_TIMEOUT(view.isModelReady(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.targetText().isEmpty(), 60000);
        QVERIFY2(notice->isVisible(), "the switch stays announced while its text is shown");
        QCOMPARE(view.currentModel(), models[1].path);

        // Back: the user's pair again, the French pair only offered, never chosen again.
        button->click();
        QCOMPARE(view.currentModel(), models[0].path);
        QTRY_VERIFY_WITH_TIMEOUT(view.isModelReady(), 60000);
        view.translateNow();
        QCOMPARE(view.currentModel(), models[0].path);
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->offeredModel(), models[1].path);

        // Typed: no switch while someone types, only the offer.
        view.setSourceText(QString());
        auto* source = view.findChild<QPlainTextEdit*>(QStringLiteral("sourceEditor"));
        QVERIFY(source);
        // (keyClicks types ASCII only)
        QTest::keyClicks(source, QStringLiteral("Nous avons pris le train pour aller voir nos amis dans le sud."));
        view.translateNow();
        QCOMPARE(view.currentModel(), models[0].path);
        QVERIFY(notice->isVisible());
        button->click();
        QCOMPARE(view.currentModel(), models[1].path);
        QTRY_VERIFY_WITH_TIMEOUT(view.isModelReady(), 60000);
        view.translateNow();
        QVERIFY(!notice->isVisible());
    }
};

QTEST_MAIN(TestLanguageNotice)
#include "test_language_notice.moc"
