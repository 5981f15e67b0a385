#include "core/text/function_words.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>

namespace attentive {

namespace {

const std::set<std::string, std::less<>> kEnglish = {
    "a", "an", "the", "this", "that", "these", "those", "some", "any", "no", "every", "each",
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "he", "him", "his",
    "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our", "ours",
    "they", "them", "their", "theirs", "one", "there", "here",
    "am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m",
    "do", "does", "did", "done", "have", "has", "had", "having", "'ve", "'d", "'ll",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "can't",
    "haven't", "hasn't", "i'm", "it's", "that's", "you're", "we're", "they're", "i'll", "i've",
    "i'd", "you'll", "he's", "she's", "let's", "what's", "there's",
    "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "up", "out",
    "off", "about", "as", "than", "so", "and", "or", "but", "if", "not", "too", "very", "just",
    "what", "who", "whom", "which", "how", "when", "where", "why", "whose"};

const std::set<std::string, std::less<>> kFrench = {
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "au", "aux", "à", "en", "y",
    "ne", "n'", "pas", "que", "qu'", "qui", "quoi", "dont",
    "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m'", "te", "t'",
    "se", "s'", "lui", "leur", "leurs", "moi", "toi", "soi", "eux", "ce", "c'", "ça", "ceci",
    "cela", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre",
    "vos", "cet", "cette", "ces",
    "est", "sont", "suis", "es", "sommes", "êtes", "était", "étaient", "été", "être",
    "ai", "as", "a", "avons", "avez", "ont", "avait", "avoir", "eu",
    "et", "ou", "mais", "donc", "ni", "car", "si", "dans", "sur", "sous", "par", "pour", "avec",
    "sans", "chez", "vers", "très", "plus", "comme"};

const std::set<std::string, std::less<>> kGerman = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "ich", "du", "er", "sie", "es", "wir", "ihr", "mich", "dich", "sich", "mir", "dir", "ihm",
    "ihn", "uns", "euch", "ihnen", "mein", "meine", "meinen", "dein", "deine", "sein", "seine",
    "seinen", "ihre", "ihren", "unser", "unsere", "euer",
    "ist", "sind", "bin", "bist", "seid", "war", "waren", "gewesen", "hat", "haben", "habe",
    "hast", "hatte", "hatten", "wird", "werden", "wurde", "wurden", "kann", "können", "muss",
    "müssen", "soll", "sollte",
    "und", "oder", "aber", "denn", "dass", "wenn", "als", "wie", "so", "nicht", "kein", "keine",
    "in", "im", "an", "am", "auf", "zu", "zum", "zur", "mit", "von", "vom", "für", "aus", "bei",
    "beim", "nach", "über", "unter", "um", "durch", "gegen", "ohne", "vor", "hinter", "neben",
    "da", "hier", "dort", "was", "wer", "wo", "sehr"};

// Verb forms that mostly carry grammar (is_function_or_auxiliary_word()); English modals are in
// kEnglish already.
const std::set<std::string, std::less<>> kFrenchAuxiliaryVerbs = {
    "pouvoir", "peux", "peut", "pouvons", "pouvez", "peuvent", "pouvait", "pouvais", "pouvaient",
    "pourra", "pourrai", "pourras", "pourrez", "pourrait", "pourrais", "pourriez", "pourrions",
    "pourraient", "pu", "puis", "puisse",
    "vouloir", "veux", "veut", "voulons", "voulez", "veulent", "voulait", "voulais", "voulaient",
    "voudrais", "voudrait", "voudriez", "voudrions", "voulu",
    "devoir", "dois", "doit", "devons", "devez", "doivent", "devait", "devais", "devaient",
    "devra", "devrai", "devrait", "devrais", "devriez", "devrions", "devraient", "dû",
    "faut", "fallait", "faudra", "faudrait", "fallu",
    "faire", "fais", "fait", "faisons", "faites", "font", "faisait", "faisais", "fera", "ferai",
    "ferait", "ferais",
    "aller", "vais", "vas", "va", "allons", "allez", "vont", "allé", "allée", "allés", "allait",
    "allais"};

const std::set<std::string, std::less<>> kGermanAuxiliaryVerbs = {
    "darf", "darfst", "dürfen", "dürft", "durfte", "durften", "will", "willst", "wollen", "wollt",
    "wollte", "wollten", "möchte", "möchtest", "möchten", "mag", "magst", "mögen", "mochte",
    "könnte", "könnten", "könntest", "konnte", "konnten", "kannst", "müsste", "müssten", "musste",
    "mussten", "musst", "sollen", "sollst", "sollten", "solltest"};

// ASCII and Latin-1 letters in lower case; typographic apostrophes as "'".
std::string normalise(std::string_view word) {
    std::string out;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c + 32));
        } else if (c == 0xC3 && i + 1 < word.size()) {
            auto next = static_cast<unsigned char>(word[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 32);
            out.push_back(static_cast<char>(c));
            out.push_back(static_cast<char>(next));
            ++i;
        } else if (word.substr(i).starts_with("\xE2\x80\x99")) {  // ’
            out.push_back('\'');
            i += 2;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

using WordList = std::set<std::string, std::less<>>;

const WordList* function_words(std::string_view language) {
    return language == "en" ? &kEnglish : language == "fr" ? &kFrench : language == "de" ? &kGerman : nullptr;
}

// Whether `word` is in one of `lists`, or is an elided form ("j'ai", "qu'il", "d'aller") each of
// whose parts is.
bool in_lists(std::string_view word, std::initializer_list<const WordList*> lists) {
    const auto listed = [&](std::string_view key) {
        return std::any_of(lists.begin(), lists.end(), [&](const WordList* list) { return list && list->contains(key); });
    };
    const std::string key = normalise(word);
    if (listed(key)) return true;
    if (key.find('\'') == std::string::npos) return false;
    for (std::size_t start = 0; start < key.size();) {
        std::size_t end = key.find('\'', start);
        end = end == std::string::npos ? key.size() : end + 1;
        if (!listed(std::string_view(key).substr(start, end - start))) return false;
        start = end;
    }
    return true;
}

}  // namespace

bool is_function_word(std::string_view word, std::string_view language) {
    return in_lists(word, {function_words(language)});
}

bool is_function_or_auxiliary_word(std::string_view word, std::string_view language) {
    const WordList* auxiliaries = language == "fr"   ? &kFrenchAuxiliaryVerbs
                                  : language == "de" ? &kGermanAuxiliaryVerbs
                                                     : nullptr;
    return in_lists(word, {function_words(language), auxiliaries});
}

}  // namespace attentive
