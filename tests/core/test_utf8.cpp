// UTF-8 validation, U+FFFD repair of maximal ill-formed subparts, streamed prefixes and lengths.

#include <QTest>

#include <stdexcept>
#include <string>

#include "core/text/utf8.h"

using namespace attentive;

namespace {

QByteArray bytes(const std::string& text) { return QByteArray(text.data(), qsizetype(text.size())); }

const std::string fffd = "\xEF\xBF\xBD";

}  // namespace

class TestUtf8 : public QObject {
    Q_OBJECT

private slots:
    void validity_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("ascii") << QByteArray("hello") << true;
        QTest::newRow("two bytes") << QByteArray("caf\xC3\xA9") << true;
        QTest::newRow("three bytes") << QByteArray("\xE2\x82\xAC") << true;
        QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80") << true;
        QTest::newRow("max code point U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
        QTest::newRow("U+D7FF before surrogates") << QByteArray("\xED\x9F\xBF") << true;
        QTest::newRow("U+E000 after surrogates") << QByteArray("\xEE\x80\x80") << true;
        QTest::newRow("NUL byte") << QByteArray("a\0b", 3) << true;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("overlong slash C0 AF") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("overlong C1") << QByteArray("\xC1\xBF") << false;
        QTest::newRow("overlong three bytes") << QByteArray("\xE0\x80\xAF") << false;
        QTest::newRow("overlong four bytes") << QByteArray("\xF0\x80\x80\xAF") << false;
        QTest::newRow("surrogate U+D800") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("surrogate U+DFFF") << QByteArray("\xED\xBF\xBF") << false;
        QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
        QTest::newRow("F5 lead") << QByteArray("\xF5\x80\x80\x80") << false;
        QTest::newRow("FF byte") << QByteArray("\xFF") << false;
        QTest::newRow("truncated two bytes") << QByteArray("ab\xC3") << false;
        QTest::newRow("truncated four bytes") << QByteArray("\xF0\x9F\x98") << false;
        QTest::newRow("missing continuation") << QByteArray("\xC3" "a") << false;
    }
    void validity() {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(is_valid_utf8(std::string_view(text.constData(), std::size_t(text.size()))), valid);
    }

    // Unicode's recommended practice (Table 3-8): one U+FFFD per maximal subpart.
    void sanitize_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("valid kept") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC");
        QTest::newRow("lone continuation") << QByteArray("a\x80" "b") << bytes("a" + fffd + "b");
        QTest::newRow("two continuations") << QByteArray("\x80\xBF") << bytes(fffd + fffd);
        QTest::newRow("overlong is two subparts") << QByteArray("\xC0\xAF") << bytes(fffd + fffd);
        QTest::newRow("surrogate is three subparts") << QByteArray("\xED\xA0\x80") << bytes(fffd + fffd + fffd);
        QTest::newRow("truncated three-byte is one") << QByteArray("\xE2\x82" "a") << bytes(fffd + "a");
        QTest::newRow("truncated four-byte at end") << QByteArray("x\xF0\x9F\x98") << bytes("x" + fffd);
        QTest::newRow("above max is four") << QByteArray("\xF4\x90\x80\x80") << bytes(fffd + fffd + fffd + fffd);
        QTest::newRow("Unicode table 3-8 example")
            << QByteArray("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64")
            << bytes("a" + fffd + fffd + fffd + "b" + fffd + "c" + fffd + fffd + "d");
    }
    void sanitize() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        const std::string repaired = sanitize_utf8(std::string_view(text.constData(), std::size_t(text.size())));
        QCOMPARE(bytes(repaired), expected);
        QVERIFY(is_valid_utf8(repaired));
    }

    void complete_prefix_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("prefix");
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("complete") << QByteArray("caf\xC3\xA9") << 5;
        QTest::newRow("half of é") << QByteArray("caf\xC3") << 3;
        QTest::newRow("two thirds of €") << QByteArray("a\xE2\x82") << 1;
        QTest::newRow("three quarters of emoji") << QByteArray("ab\xF0\x9F\x98") << 2;
        // A byte that can never become a character is emitted; only a cut-off sequence waits.
        QTest::newRow("invalid byte at end") << QByteArray("ab\xFF") << 3;
        QTest::newRow("broken sequence then cut") << QByteArray("\xE2" "a\xC3") << 2;
        QTest::newRow("surrogate lead is final") << QByteArray("\xED\xA0") << 2;
    }
    void complete_prefix() {
        QFETCH(QByteArray, text);
        QFETCH(int, prefix);
        QCOMPARE(complete_utf8_prefix(std::string_view(text.constData(), std::size_t(text.size()))),
                 std::size_t(prefix));
    }

    void charStart() {
        const std::string text = "a\xC3\xA9\xE2\x82\xAC";  // a, é, €
        QCOMPARE(utf8_char_start(text, 0), std::size_t{0});
        QCOMPARE(utf8_char_start(text, 1), std::size_t{0});  // a
        QCOMPARE(utf8_char_start(text, 3), std::size_t{1});  // é
        QCOMPARE(utf8_char_start(text, text.size()), std::size_t{3});  // €
        QCOMPARE(utf8_char_start("\x82\x82", 2), std::size_t{0});  // continuation bytes alone
    }

    void length_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("length");
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("ascii") << QByteArray("hello") << 5;
        QTest::newRow("mixed") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") << 8;
        QTest::newRow("each ill-formed byte counts") << QByteArray("a\xE2\x82" "b\xFF") << 5;
    }
    void length() {
        QFETCH(QByteArray, text);
        QFETCH(int, length);
        QCOMPARE(utf8_length(std::string_view(text.constData(), std::size_t(text.size()))), std::size_t(length));
    }

    void decode_at_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("pos");
        QTest::addColumn<uint>("code_point");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("well_formed");
        QTest::addColumn<bool>("truncated");
        QTest::newRow("ascii") << QByteArray("ab") << 1 << 0x62u << 1 << true << false;
        QTest::newRow("two bytes") << QByteArray("caf\xC3\xA9") << 3 << 0xE9u << 2 << true << false;
        QTest::newRow("three bytes") << QByteArray("\xE2\x82\xAC") << 0 << 0x20ACu << 3 << true << false;
        QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80") << 0 << 0x1F600u << 4 << true << false;
        QTest::newRow("max code point") << QByteArray("\xF4\x8F\xBF\xBF") << 0 << 0x10FFFFu << 4 << true << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << 0 << 0u << 1 << false << false;
        QTest::newRow("surrogate: maximal subpart is the lead") << QByteArray("\xED\xA0\x80") << 0 << 0u << 1 << false << false;
        QTest::newRow("missing continuation") << QByteArray("\xE2\x82" "a") << 0 << 0u << 2 << false << false;
        QTest::newRow("cut off by the end") << QByteArray("a\xF0\x9F\x98") << 1 << 0u << 3 << false << true;
    }
    void decode_at() {
        QFETCH(QByteArray, text);
        QFETCH(int, pos);
        QFETCH(uint, code_point);
        QFETCH(int, length);
        QFETCH(bool, well_formed);
        QFETCH(bool, truncated);
        const Utf8Char decoded =
            decode_utf8_at(std::string_view(text.constData(), std::size_t(text.size())), std::size_t(pos));
        QCOMPARE(uint(decoded.code_point), code_point);
        QCOMPARE(decoded.length, std::size_t(length));
        QCOMPARE(decoded.well_formed, well_formed);
        QCOMPARE(decoded.truncated, truncated);
    }
    // Capitals of Central European names: Latin Extended-A pairs most letters capital first,
    // but "Ł", "Ń", "Ž" and their neighbours small first.
    void latinExtendedCapitals() {
        for (const char32_t capital : {0x0141u, 0x0143u, 0x017Du, 0x017Bu, 0x0179u, 0x0160u, 0x0106u, 0x0158u, 0x0150u})
            QVERIFY2(is_upper(capital) && !is_upper(capital + 1) && to_lower(capital) == capital + 1 &&
                         to_upper(capital + 1) == capital,
                     qPrintable(QString::number(capital, 16)));
        QVERIFY(!is_upper(0x0138) && !is_upper(0x0149) && !is_upper(0x017F) && !is_upper(0x0131));
        QCOMPARE(static_cast<std::uint32_t>(to_lower(0x0178)), 0xFFu);
        QCOMPARE(static_cast<std::uint32_t>(to_upper(0xFF)), 0x178u);
        QCOMPARE(static_cast<std::uint32_t>(to_lower(0x0130)), static_cast<std::uint32_t>('i'));
        QCOMPARE(static_cast<std::uint32_t>(to_upper(0x0131)), static_cast<std::uint32_t>('I'));
        QCOMPARE(QString::fromStdString(with_lower_first("Łukasz")), QString::fromUtf8("łukasz"));
        QCOMPARE(QString::fromStdString(with_upper_first("żaneta")), QString::fromUtf8("Żaneta"));
    }

    void decode_at_past_the_end_throws() {
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, decode_utf8_at("ab", 2));
    }

    // Every 1- and 2-byte string: sanitize always yields valid UTF-8, and leaves valid text alone.
    void sanitize_exhaustive_short_inputs() {
        for (int a = 0; a < 256; ++a) {
            for (int b = 0; b < 256; ++b) {
                const std::string text{char(a), char(b)};
                const std::string repaired = sanitize_utf8(text);
                QVERIFY(is_valid_utf8(repaired));
                if (is_valid_utf8(text)) QCOMPARE(repaired, text);
                QVERIFY(complete_utf8_prefix(text) <= text.size());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestUtf8)
#include "test_utf8.moc"
