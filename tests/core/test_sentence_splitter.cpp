// Sentence splitting: where sentences end, what stays inside them, how the original spacing is
// kept, and that the pieces always put the input back together byte for byte; and where a long
// sentence's clauses may be cut apart (core/text/clause_cuts.h).

#include <QTest>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/text/clause_cuts.h"
#include "core/text/inner_asides.h"
#include "core/text/sentence_splitter.h"
#include "core/text/utf8.h"

using namespace attentive;

namespace {

QStringList sentences_of(const SplitText& split) {
    QStringList list;
    for (const TextSegment& segment : split.segments) list << QString::fromStdString(segment.sentence);
    return list;
}

QStringList separators_of(const SplitText& split) {
    QStringList list;
    for (const TextSegment& segment : split.segments) list << QString::fromStdString(segment.separator);
    return list;
}

std::string reassemble(const SplitText& split) {
    std::string text = split.leading;
    for (const TextSegment& segment : split.segments) text += segment.sentence + segment.separator;
    return text;
}

// ASCII whitespace plus the no-break and ideographic spaces the tests use.
bool is_whitespace_only(std::string text) {
    for (const std::string wide : {"\xC2\xA0", "\xE3\x80\x80"}) {
        for (std::size_t at; (at = text.find(wide)) != std::string::npos;) text.erase(at, wide.size());
    }
    return text.find_first_not_of(" \t\r\n\v\f") == std::string::npos;
}

// The invariants every split must satisfy, whatever the input.
QString check_invariants(const std::string& text, const SplitText& split, std::size_t limit) {
    if (reassemble(split) != text) return "pieces do not reassemble the input";
    if (!is_whitespace_only(split.leading)) {
        return "leading holds more than whitespace";
    }
    for (const TextSegment& segment : split.segments) {
        if (segment.sentence.empty()) return "empty sentence";
        const char first = segment.sentence.front();
        const char last = segment.sentence.back();
        if (first == ' ' || first == '\n' || first == '\r' || first == '\t') return "sentence starts with space";
        if (last == ' ' || last == '\n' || last == '\r' || last == '\t') return "sentence ends with space";
        if (!is_whitespace_only(segment.separator)) return "separator holds more than whitespace";
        if (utf8_length(segment.sentence) > limit) return "sentence longer than the limit";
    }
    return {};
}

}  // namespace

class TestSentenceSplitter : public QObject {
    Q_OBJECT

private slots:
    void sentences_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("sentences");
        QTest::newRow("two plain") << "Hello world. How are you?"
                                   << QStringList{"Hello world.", "How are you?"};
        QTest::newRow("exclamation and question") << "Stop! Why? Because."
                                                  << QStringList{"Stop!", "Why?", "Because."};
        QTest::newRow("repeated marks") << "Really?! Yes!!! Ok."
                                        << QStringList{"Really?!", "Yes!!!", "Ok."};
        QTest::newRow("title abbreviations") << "Mr. Smith met Dr. Jones and Prof. Lee. They talked."
                                             << QStringList{"Mr. Smith met Dr. Jones and Prof. Lee.",
                                                            "They talked."};
        QTest::newRow("saint") << "We visited St. Paul today. Nice." << QStringList{"We visited St. Paul today.", "Nice."};
        QTest::newRow("e.g. and i.e.") << "Use fruit, e.g. apples, i.e. red ones. Done."
                                       << QStringList{"Use fruit, e.g. apples, i.e. red ones.", "Done."};
        QTest::newRow("vs.") << "It was Smith vs. Jones. Smith won." << QStringList{"It was Smith vs. Jones.", "Smith won."};
        QTest::newRow("U.S.") << "The U.S. economy grew. Fast." << QStringList{"The U.S. economy grew.", "Fast."};
        QTest::newRow("etc. then lowercase") << "Apples, pears, etc. are fruit. Yes."
                                             << QStringList{"Apples, pears, etc. are fruit.", "Yes."};
        QTest::newRow("etc. ends a sentence") << "Apples, pears etc. The rest is veg."
                                              << QStringList{"Apples, pears etc.", "The rest is veg."};
        QTest::newRow("initials") << "J. R. R. Tolkien wrote it. Read it."
                                  << QStringList{"J. R. R. Tolkien wrote it.", "Read it."};
        QTest::newRow("pronoun I ends a sentence") << "So am I. Then we left." << QStringList{"So am I.", "Then we left."};
        QTest::newRow("decimal") << "It costs 3.14 euros. Cheap." << QStringList{"It costs 3.14 euros.", "Cheap."};
        QTest::newRow("No. 5") << "See No. 5 for details. Thanks." << QStringList{"See No. 5 for details.", "Thanks."};
        QTest::newRow("no. at the end") << "He said no. Then he left." << QStringList{"He said no.", "Then he left."};
        QTest::newRow("German z.B. usw. bzw.") << "Obst, z.B. Äpfel usw. und bzw. Birnen. Gut."
                                               << QStringList{"Obst, z.B. Äpfel usw. und bzw. Birnen.", "Gut."};
        QTest::newRow("German Nr. and Dr.") << "Frau Dr. Weber wohnt in Nr. 7. Sie ist nett."
                                            << QStringList{"Frau Dr. Weber wohnt in Nr. 7.", "Sie ist nett."};
        QTest::newRow("French M. Mme.") << "M. Dupont et Mme. Martin sont là. Bien."
                                        << QStringList{"M. Dupont et Mme. Martin sont là.", "Bien."};
        QTest::newRow("closing quote stays") << "He said \"Stop.\" Then he left."
                                             << QStringList{"He said \"Stop.\"", "Then he left."};
        QTest::newRow("curly quote and bracket") << QString::fromUtf8("She asked “why?” (Nobody knew.) Fine.")
                                                 << QStringList{QString::fromUtf8("She asked “why?”"),
                                                                "(Nobody knew.)", "Fine."};
        QTest::newRow("German quotes") << QString::fromUtf8("Er rief „Halt!“ Dann ging er.")
                                       << QStringList{QString::fromUtf8("Er rief „Halt!“"), "Dann ging er."};
        QTest::newRow("French guillemets and spaces") << QString::fromUtf8("« Qui le dit ? » « Moi ! » Il rit.")
                                                      << QStringList{QString::fromUtf8("« Qui le dit ? »"),
                                                                     QString::fromUtf8("« Moi ! »"), "Il rit."};
        QTest::newRow("French narrow no-break space") << QString::fromUtf8("Vraiment\u202F? Oui.")
                                                      << QStringList{QString::fromUtf8("Vraiment\u202F?"), "Oui."};
        QTest::newRow("ellipsis then lowercase") << "Wait... what happened? Nothing."
                                                 << QStringList{"Wait... what happened?", "Nothing."};
        QTest::newRow("ellipsis then capital") << "Wait... What happened?"
                                               << QStringList{"Wait...", "What happened?"};
        QTest::newRow("unicode ellipsis") << QString::fromUtf8("Hmm… well. And… Then.")
                                          << QStringList{QString::fromUtf8("Hmm… well."), QString::fromUtf8("And…"), "Then."};
        QTest::newRow("CJK without spaces") << QString::fromUtf8("你好。我很好！你呢？")
                                            << QStringList{QString::fromUtf8("你好。"), QString::fromUtf8("我很好！"),
                                                           QString::fromUtf8("你呢？")};
        QTest::newRow("CJK closing bracket") << QString::fromUtf8("他说「好。」然后走了。")
                                             << QStringList{QString::fromUtf8("他说「好。」"), QString::fromUtf8("然后走了。")};
        QTest::newRow("URL-like word") << "Visit example.com. It is fine." << QStringList{"Visit example.com.", "It is fine."};
        QTest::newRow("no final punctuation") << "just some words" << QStringList{"just some words"};
        QTest::newRow("line break without punctuation") << "first line\nsecond line"
                                                        << QStringList{"first line", "second line"};
        QTest::newRow("line break after abbreviation") << "Dear Dr.\nThanks." << QStringList{"Dear Dr.", "Thanks."};
        QTest::newRow("quoted question inside a sentence") << "He asked \"why?\" and left. Ok."
                                                           << QStringList{"He asked \"why?\" and left.", "Ok."};
        QTest::newRow("numbered list") << "1. Buy milk.\n2. Call Mom.\n10. Rest."
                                       << QStringList{"1. Buy milk.", "2. Call Mom.", "10. Rest."};
        QTest::newRow("German date") << "Am 3. Oktober ist Feiertag. Schön." << QStringList{"Am 3. Oktober ist Feiertag.", "Schön."};
        QTest::newRow("time before a new sentence") << "We arrive at 8 p.m. Is there parking? Yes."
                                                    << QStringList{"We arrive at 8 p.m.", "Is there parking?", "Yes."};
        QTest::newRow("time inside a sentence") << "At 8 p.m. we eat." << QStringList{"At 8 p.m. we eat."};
        QTest::newRow("German range of days") << "Ich bin vom 14. bis 17. August weg. Schön."
                                              << QStringList{"Ich bin vom 14. bis 17. August weg.", "Schön."};
        QTest::newRow("German ordinal after an article") << "Wir wohnen im 3. Stock. Das kostet 3. Dann gehen wir."
                                                         << QStringList{"Wir wohnen im 3. Stock.", "Das kostet 3.",
                                                                        "Dann gehen wir."};
        QTest::newRow("number ends a sentence") << "We were 14. Then we grew up."
                                                << QStringList{"We were 14.", "Then we grew up."};
        QTest::newRow("number ends a sentence") << "The score was 10. The team won."
                                                << QStringList{"The score was 10.", "The team won."};
        QTest::newRow("period inside a word") << "The file.txt is here" << QStringList{"The file.txt is here"};
    }
    void sentences() {
        QFETCH(QString, text);
        QFETCH(QStringList, sentences);
        const std::string input = text.toStdString();
        const SplitText split = split_sentences(input);
        QCOMPARE(sentences_of(split), sentences);
        QCOMPARE(reassemble(split), input);
    }

    // A parenthesis that ends a sentence is a sentence of its own (the models garbled it inside
    // one); not one that stands in the middle, holds a bracket, or follows a single word.
    void trailing_asides() {
        const std::string text = "I can't come on Friday (I have an appointment). See you (maybe) soon. "
                                 "Hello (there). Pay it  (due on 15 June)\nA (b (c)) d.";
        SplitText split = split_sentences(text);
        split_trailing_asides(split);
        QCOMPARE(sentences_of(split), (QStringList{"I can't come on Friday", "(I have an appointment).",
                                                   "See you (maybe) soon.", "Hello (there).", "Pay it",
                                                   "(due on 15 June)", "A (b (c)) d."}));
        QCOMPARE(separators_of(split), (QStringList{" ", " ", " ", " ", "  ", "\n", ""}));
        QCOMPARE(reassemble(split), text);
    }

    // A parenthesis inside a sentence is translated apart (core/text/inner_asides.h); a relative
    // clause in brackets is read between commas.
    void inner_asides_and_relative_clauses() {
        const std::string text = "My brother (Tom) and (who knows) his wife (who lives in Berlin) came (late).";
        QStringList found;
        for (const AsideBrackets& aside : inner_asides(text, "en"))
            found << QString::fromStdString(text.substr(aside.open, aside.close + 1 - aside.open));
        // "(who knows)" opens with a relative pronoun; "(late)." ends the sentence: trailing_aside's.
        QCOMPARE(found, (QStringList{"(Tom)"}));
        QCOMPARE(QString::fromStdString(with_rewritten_words(text, relative_clause_commas(text, "en"))),
                 QString("My brother (Tom) and, who knows, his wife, who lives in Berlin, came (late)."));
        const std::string german = "Meine Schwester (die in Berlin wohnt), kommt (vielleicht) morgen.";
        QCOMPARE(QString::fromStdString(with_rewritten_words(german, relative_clause_commas(german, "de"))),
                 QString("Meine Schwester, die in Berlin wohnt, kommt (vielleicht) morgen."));
        // A German relative clause ends with its verb; "das beim Bahnhof" is none.
        const std::string place = "Die Adresse vom Hotel (das beim Bahnhof) bitte.";
        QCOMPARE(int(inner_asides(place, "de").size()), 1);
        QVERIFY(relative_clause_commas(place, "de").empty());
        // French sets a space before "?": the parenthesis still ends the sentence.
        QVERIFY(trailing_aside("l'adresse de l'hôtel (celui près de la gare) ?").has_value());
        for (const char* none : {"(Tom) came.", "He came(late) today.", "A (b (c)) d.", "It is ( ) here."})
            QVERIFY2(inner_asides(none, "en").empty(), none);
    }

    void paragraphs_and_spacing() {
        const std::string text = "  First one.  Second one.\n\nNew paragraph here.\r\nCRLF line? Yes.\n\n\n";
        const SplitText split = split_sentences(text);
        QCOMPARE(QString::fromStdString(split.leading), QString("  "));
        QCOMPARE(sentences_of(split), (QStringList{"First one.", "Second one.", "New paragraph here.",
                                                   "CRLF line?", "Yes."}));
        QCOMPARE(separators_of(split), (QStringList{"  ", "\n\n", "\r\n", " ", "\n\n\n"}));
        QCOMPARE(reassemble(split), text);
    }

    void empty_and_whitespace_only_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("spaces") << "   ";
        QTest::newRow("mixed whitespace") << " \n\t\r\n  ";
        QTest::newRow("no-break spaces") << QString::fromUtf8("\u00A0 \u3000");
    }
    void empty_and_whitespace_only() {
        QFETCH(QString, text);
        const std::string input = text.toStdString();
        const SplitText split = split_sentences(input);
        QVERIFY(split.segments.empty());
        QCOMPARE(split.leading, input);
    }

    void long_sentence_splits_at_commas_then_spaces() {
        std::string text;
        for (int i = 0; i < 12; ++i) text += "alpha beta gamma, ";
        text += "end.";
        const std::size_t limit = 40;
        const SplitText split = split_sentences(text, limit);
        QVERIFY(split.segments.size() > 1);
        QCOMPARE(check_invariants(text, split, limit), QString());
        // Every piece but the last ends at a clause boundary.
        for (std::size_t i = 0; i + 1 < split.segments.size(); ++i) {
            QVERIFY2(split.segments[i].sentence.back() == ',', split.segments[i].sentence.c_str());
            QCOMPARE(split.segments[i].separator, std::string(" "));
        }

        const std::string words = "one two three four five six seven eight nine ten eleven twelve";
        const SplitText by_space = split_sentences(words, 20);
        QCOMPARE(check_invariants(words, by_space, 20), QString());
        QCOMPARE(sentences_of(by_space), (QStringList{"one two three four", "five six seven eight",
                                                      "nine ten eleven", "twelve"}));

        const std::string clauses = "aaaa bbbb;cccc dddd";
        QCOMPARE(sentences_of(split_sentences(clauses, 12)), (QStringList{"aaaa bbbb;", "cccc dddd"}));
    }

    void long_word_is_cut_hard_at_code_points() {
        std::string text;
        for (int i = 0; i < 50; ++i) text += "\xC3\xA9";  // é, two bytes each
        const SplitText split = split_sentences(text, 20);
        QCOMPARE(split.segments.size(), std::size_t{3});
        QCOMPARE(utf8_length(split.segments[0].sentence), std::size_t{20});
        QCOMPARE(utf8_length(split.segments[2].sentence), std::size_t{10});
        for (const TextSegment& segment : split.segments) {
            QVERIFY(is_valid_utf8(segment.sentence));
            QVERIFY(segment.separator.empty());
        }
        QCOMPARE(reassemble(split), text);
    }

    void hundred_thousand_characters_data() {
        QTest::addColumn<QString>("unit");
        QTest::newRow("one long word") << "a";
        QTest::newRow("many sentences") << "This is a sentence. ";
        QTest::newRow("only periods") << ".";
        QTest::newRow("only spaces") << " ";
        QTest::newRow("dots and spaces") << ". ";
        QTest::newRow("abbreviations") << "Dr. ";
        QTest::newRow("commas") << "a, ";
        QTest::newRow("line breaks") << "x\n";
        QTest::newRow("ellipses") << "wait... ";
    }
    void hundred_thousand_characters() {
        QFETCH(QString, unit);
        const std::string piece = unit.toStdString();
        std::string text;
        while (text.size() < 100000) text += piece;
        QElapsedTimer timer;
        timer.start();
        const SplitText split = split_sentences(text);
        QVERIFY2(timer.elapsed() < 2000, "splitting 100,000 characters took too long");
        QCOMPARE(check_invariants(text, split, 500), QString());
    }

    // The bound of issue 18: a sentence over the limit is cut at the last space before it when
    // there is one, else between two code points; the pieces rebuild it and `cut` says so.
    void cut_long_sentence_rule_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("pieces");
        QTest::addColumn<QStringList>("separators");
        QTest::newRow("within the limit") << "one two three" << 13 << QStringList{"one two three"} << QStringList{""};
        QTest::newRow("at spaces") << "one two three four" << 9 << QStringList{"one two", "three", "four"}
                                   << QStringList{" ", " ", ""};
        QTest::newRow("runs of spaces dropped at the cut")
            << "aaaa   bbbb cccc" << 6 << QStringList{"aaaa", "bbbb", "cccc"} << QStringList{"   ", " ", ""};
        QTest::newRow("a word longer than the limit") << "abcdefghij" << 4 << QStringList{"abcd", "efgh", "ij"}
                                                      << QStringList{"", "", ""};
        QTest::newRow("never inside a code point")
            << QString::fromUtf8("\u00e9\u00e9\u00e9\u00e9\u00e9") << 2
            << QStringList{QString::fromUtf8("\u00e9\u00e9"), QString::fromUtf8("\u00e9\u00e9"), QString::fromUtf8("\u00e9")}
            << QStringList{"", "", ""};
        QTest::newRow("word then spaces") << "abcdefgh ij" << 5 << QStringList{"abcde", "fgh", "ij"}
                                          << QStringList{"", " ", ""};
    }
    void cut_long_sentence_rule() {
        QFETCH(QString, sentence);
        QFETCH(int, limit);
        QFETCH(QStringList, pieces);
        QFETCH(QStringList, separators);
        const std::string text = sentence.toStdString();
        const std::vector<TextSegment> cut = cut_long_sentence(text, static_cast<std::size_t>(limit));
        QStringList got_pieces;
        QStringList got_separators;
        std::string rebuilt;
        for (const TextSegment& piece : cut) {
            got_pieces.append(QString::fromStdString(piece.sentence));
            got_separators.append(QString::fromStdString(piece.separator));
            QVERIFY(utf8_length(piece.sentence) <= static_cast<std::size_t>(limit));
            QVERIFY(is_valid_utf8(piece.sentence));
            rebuilt += piece.sentence + piece.separator;
        }
        QCOMPARE(got_pieces, pieces);
        QCOMPARE(got_separators, separators);
        QCOMPARE(rebuilt, text);
        QCOMPARE(split_sentences(text, static_cast<std::size_t>(limit)).cut, pieces.size() > 1);
    }

    void default_bound_is_500_code_points() {
        QCOMPARE(max_sentence_chars, std::size_t{500});
        const std::string word(100000, 'x');
        const std::vector<TextSegment> cut = cut_long_sentence(word);
        QCOMPARE(cut.size(), std::size_t{200});
        QCOMPARE(cut.front().sentence.size(), std::size_t{500});
        QVERIFY(!split_sentences("A short one. Another.").cut);
    }

    void invalid_utf8_is_handled() {
        const std::string text = "abc\xFF\xFE def. G\xE2\x82 h.\xC3";
        const SplitText split = split_sentences(text, 3);
        QCOMPARE(reassemble(split), text);
        QVERIFY(!split.segments.empty());
    }

    // Property: for many random mixtures of tricky pieces, the split reassembles the input and
    // respects every invariant.
    void reassembly_property() {
        const std::vector<std::string> pieces = {
            "a", "word", "Dr.", "e.g.", ". ", "! ", "? ", "...", "\xE2\x80\xA6", " ", "  ", "\n",
            "\r\n", "\n\n", "\t", "\"", "\xE2\x80\x9D", ")", "(", "3.14", "No. 5", ", ", ";", "\xC3\xA9",
            "\xE3\x80\x82", "\xEF\xBC\x81", "\xE4\xBD\xA0", "\xFF", "\xE2\x82", "\xC2\xA0", "A", "z.B.",
            "Mr", ".", "x"};
        std::mt19937 random(20240521);
        std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
        std::uniform_int_distribution<int> length(0, 60);
        std::uniform_int_distribution<std::size_t> limit_choice(1, 40);
        for (int round = 0; round < 3000; ++round) {
            std::string text;
            const int n_pieces = length(random);
            for (int k = 0; k < n_pieces; ++k) text += pieces[pick(random)];
            const std::size_t limit = round % 3 == 0 ? 500 : limit_choice(random);
            const SplitText split = split_sentences(text, limit);
            const QString problem = check_invariants(text, split, limit);
            if (!problem.isEmpty()) {
                QFAIL(qPrintable(QString("%1 for input %2 (limit %3)")
                                     .arg(problem, QString::fromLatin1(QByteArray::fromStdString(text).toPercentEncoding()))
                                     .arg(limit)));
            }
        }
    }

    void join_puts_translations_in_place() {
        const SplitText split = split_sentences("  Hallo Welt. Wie geht's?\n\nGut.\n");
        const std::string joined = join_sentences(split, {"Hello world.", "How are you?", "Good."});
        QCOMPARE(joined, std::string("  Hello world. How are you?\n\nGood.\n"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, join_sentences(split, {"only one"}));
        QCOMPARE(join_sentences(split_sentences(""), {}), std::string());
    }

    // Each cut as "first clause|conjunction|second clause", the conjunction with its comma.
    void clause_cuts_data() {
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("cuts");
        const QString flight =
            "My brother Daniel will drive us to the airport on Saturday morning because our flight leaves at 7:45.";
        QTest::newRow("because, German") << flight << "en" << "de"
            << QStringList{"My brother Daniel will drive us to the airport on Saturday morning|, denn|our flight leaves at 7:45."};
        QTest::newRow("because, French") << flight << "en" << "fr"
            << QStringList{"My brother Daniel will drive us to the airport on Saturday morning| parce que|our flight leaves at 7:45."};
        QTest::newRow("comma and") << "Anna has been learning Spanish for three years, and next summer she wants to go to Madrid."
            << "en" << "de" << QStringList{"Anna has been learning Spanish for three years|, und|next summer she wants to go to Madrid."};
        QTest::newRow("two cuts") << "I tried to call you last night, but your phone was off, and I did not leave a message."
            << "en" << "fr" << QStringList{"I tried to call you last night|, mais|your phone was off, and I did not leave a message.",
                                   "I tried to call you last night, but your phone was off|, et|I did not leave a message."};
        // French keeps a main clause's order after "où"; a German clause is read with its "where".
        QTest::newRow("where, French") << "We went to a small restaurant near the station, where we ate the best pizza."
            << "en" << "fr" << QStringList{"We went to a small restaurant near the station|, où|we ate the best pizza."};
        QTest::newRow("where, German") << "We went to a small restaurant near the station, where we ate the best pizza."
            << "en" << "de" << QStringList{"We went to a small restaurant near the station|, |where we ate the best pizza."};
        QTest::newRow("if, French") << "I would like a quiet table near the window if that is still possible tonight." << "en" << "fr"
            << QStringList{"I would like a quiet table near the window| si|that is still possible tonight."};
        QTest::newRow("as if") << "She looked at me as if I had said something very strange." << "en" << "fr" << QStringList{};
        QTest::newRow("so that") << "Please speak slowly and clearly, so that everyone in the room understands you."
            << "en" << "fr" << QStringList{};
        // "and" without a comma joins words; a list's last item is no clause.
        QTest::newRow("plain and") << "The children played in the garden and their grandmother cooked dinner." << "en" << "de"
            << QStringList{};
        QTest::newRow("list") << "We bought apples, pears, and bananas at the market today." << "en" << "de" << QStringList{};
        QTest::newRow("short clause") << "He came home late, but nobody noticed." << "en" << "de" << QStringList{};
        QTest::newRow("inside quotes") << "She said \"I will call you tomorrow, but not before noon\" and left the room."
            << "en" << "de" << QStringList{};
        QTest::newRow("other language") << "I tried to call you last night, but your phone was switched off." << "en" << "es"
            << QStringList{};
        // Into English every conjunction keeps a main clause's order.
        QTest::newRow("weil, into English") << "Mein Bruder fährt uns zum Flughafen, weil unser Flug schon um 7:45 Uhr geht."
            << "de" << "en" << QStringList{"Mein Bruder fährt uns zum Flughafen| because|unser Flug schon um 7:45 Uhr geht."};
        QTest::newRow("aber, into English") << "Ich habe gestern Abend versucht, dich anzurufen, aber dein Handy war leider schon ausgeschaltet."
            << "de" << "en" << QStringList{"Ich habe gestern Abend versucht, dich anzurufen|, but|dein Handy war leider schon ausgeschaltet."};
        QTest::newRow("wo, an indirect question") << "Ich weiß wirklich nicht mehr, wo ich Tom zum ersten Mal gesehen habe."
            << "de" << "en" << QStringList{};
        QTest::newRow("und without a comma") << "Dein Handy war ausgeschaltet und ich wollte keine Nachricht hinterlassen."
            << "de" << "en" << QStringList{};
        QTest::newRow("parce qu'il") << "Je suis resté à la maison toute la journée parce qu'il pleuvait très fort."
            << "fr" << "en" << QStringList{"Je suis resté à la maison toute la journée| because|il pleuvait très fort."};
        QTest::newRow("s'il") << "Nous irons nous promener dans le parc demain après-midi s'il fait beau et chaud."
            << "fr" << "en" << QStringList{"Nous irons nous promener dans le parc demain après-midi| if|il fait beau et chaud."};
        // "and" before a subject pronoun joins two clauses without a comma.
        QTest::newRow("and I") << "If you need anything for the trip, just send me a message and I will buy it tomorrow."
            << "en" << "de" << QStringList{"If you need anything for the trip, just send me a message| und|I will buy it tomorrow."};
        QTest::newRow("et nous") << "Nous avons vendu la vieille voiture le mois dernier et nous avons acheté un vélo."
            << "fr" << "en" << QStringList{"Nous avons vendu la vieille voiture le mois dernier| and|nous avons acheté un vélo."};
        QTest::newRow("and you") << "Please bring the documents to the office tomorrow morning and you will get the keys."
            << "en" << "de" << QStringList{};
        // Short sentences are not cut: a missing word there is more often a synonym.
        QTest::newRow("short") << "Il fait très beau aujourd'hui, mais demain il va pleuvoir." << "fr" << "en"
            << QStringList{};
        QTest::newRow("si without its subject") << "Le train avait quarante minutes de retard, si bien que j'ai raté le début."
            << "fr" << "en" << QStringList{};
        QTest::newRow("s'est") << "Le petit garçon de mes voisins s'est cassé le bras en jouant au football."
            << "fr" << "en" << QStringList{};
    }
    void clause_cuts() {
        QFETCH(QString, sentence);
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QStringList, cuts);
        const std::string text = sentence.toStdString();
        QStringList found;
        for (const ClauseCut& cut : attentive::clause_cuts(text, source.toStdString(), target.toStdString()))
            found << QString::fromStdString(text.substr(0, cut.first_end) + "|" + (cut.comma ? ", " : " ") +
                                            cut.conjunction + "|" + text.substr(cut.second_begin));
        QCOMPARE(found, cuts);
    }

    void joined_clauses_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("conjunction");
        QTest::addColumn<bool>("comma");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("capital");
        QTest::addColumn<QString>("joined");
        QTest::newRow("denn") << "Er fährt uns zum Flughafen." << "denn" << true << "Unser Flug geht um 7 Uhr." << false
                              << "Er fährt uns zum Flughafen, denn unser Flug geht um 7 Uhr.";
        QTest::newRow("noun keeps its capital") << "Wir bleiben zu Hause." << "und" << true << "Kinder spielen." << true
                                                << "Wir bleiben zu Hause, und Kinder spielen.";
        QTest::newRow("elided que") << "Je reste ici." << "parce que" << false << "Il pleut." << false
                                    << "Je reste ici parce qu'il pleut.";
        QTest::newRow("que before a consonant") << "Je reste ici." << "parce que" << false << "Ma fille est malade."
                                                << false << "Je reste ici parce que ma fille est malade.";
        QTest::newRow("s'il") << "Je viendrai." << "si" << false << "Il fait beau." << false
                              << "Je viendrai s'il fait beau.";
        QTest::newRow("said by the second") << "Wir gingen in ein Restaurant." << "" << true << "Wo wir Pizza aßen." << false
                                            << "Wir gingen in ein Restaurant, wo wir Pizza aßen.";
        QTest::newRow("English") << "I tried to call you last night." << "but" << true << "Your phone was off." << false
                                 << "I tried to call you last night, but your phone was off.";
        QTest::newRow("question") << "Pourriez-vous m'aider\u00a0?" << "mais" << true << "Je suis perdu\u00a0?" << false
                                  << "Pourriez-vous m'aider, mais je suis perdu\u00a0?";
    }
    void joined_clauses() {
        QFETCH(QString, first);
        QFETCH(QString, conjunction);
        QFETCH(bool, comma);
        QFETCH(QString, second);
        QFETCH(bool, capital);
        QFETCH(QString, joined);
        ClauseCut cut;
        cut.conjunction = conjunction.toStdString();
        cut.comma = comma;
        QCOMPARE(QString::fromStdString(attentive::joined_clauses(first.toStdString(), cut, second.toStdString(), capital)),
                 joined);
    }
};

QTEST_GUILESS_MAIN(TestSentenceSplitter)
#include "test_sentence_splitter.moc"
