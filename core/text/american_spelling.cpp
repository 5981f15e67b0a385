#include "core/text/american_spelling.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "core/text/utf8.h"

namespace attentive {

namespace {

struct Spelling {
    std::string_view british;
    std::string_view american;
};

// Stems that change in one place, and the endings each family takes: -our
// ("colour"+"ful"), -ise ("realis"+"ation" -> "realiz"+"ation"), a doubled l ("travell"+"ing").
// Only the listed endings: "organism" and "emphasis" are no -ise words.
const Spelling kOurStems[] = {
    {"colour", "color"},     {"favour", "favor"},       {"flavour", "flavor"}, {"honour", "honor"},
    {"humour", "humor"},     {"labour", "labor"},       {"neighbour", "neighbor"}, {"rumour", "rumor"},
    {"behaviour", "behavior"}, {"harbour", "harbor"},   {"odour", "odor"},     {"endeavour", "endeavor"},
    {"parlour", "parlor"},   {"armour", "armor"},       {"vapour", "vapor"},   {"savour", "savor"},
    {"vigour", "vigor"},
};
const std::string_view kOurEndings[] = {"",     "s",     "ed",  "ing",  "ful",  "fully", "ite", "ites",
                                        "able", "ably",  "hood", "hoods", "less", "er",    "ers", "y"};

const Spelling kIseStems[] = {
    {"realis", "realiz"},         {"organis", "organiz"},     {"recognis", "recogniz"},
    {"apologis", "apologiz"},     {"specialis", "specializ"}, {"criticis", "criticiz"},
    {"emphasis", "emphasiz"},     {"memoris", "memoriz"},     {"summaris", "summariz"},
    {"prioritis", "prioritiz"},   {"sympathis", "sympathiz"}, {"utilis", "utiliz"},
    {"finalis", "finaliz"},       {"minimis", "minimiz"},     {"maximis", "maximiz"},
    {"visualis", "visualiz"},     {"categoris", "categoriz"}, {"characteris", "characteriz"},
    {"civilis", "civiliz"},       {"standardis", "standardiz"}, {"authoris", "authoriz"},
    {"customis", "customiz"},     {"familiaris", "familiariz"}, {"hospitalis", "hospitaliz"},
    {"modernis", "moderniz"},     {"normalis", "normaliz"},   {"socialis", "socializ"},
    {"personalis", "personaliz"}, {"privatis", "privatiz"},   {"legalis", "legaliz"},
    {"globalis", "globaliz"},     {"stabilis", "stabiliz"},   {"mobilis", "mobiliz"},
    {"optimis", "optimiz"},       {"fertilis", "fertiliz"},   {"sterilis", "steriliz"},
    {"patronis", "patroniz"},     {"terroris", "terroriz"},   {"agonis", "agoniz"},
    {"jeopardis", "jeopardiz"},   {"localis", "localiz"},     {"neutralis", "neutraliz"},
    {"symbolis", "symboliz"},     {"vandalis", "vandaliz"},   {"harmonis", "harmoniz"},
    {"hypnotis", "hypnotiz"},     {"itemis", "itemiz"},       {"monopolis", "monopoliz"},
    {"popularis", "populariz"},   {"synchronis", "synchroniz"}, {"immunis", "immuniz"},
    {"colonis", "coloniz"},       {"scrutinis", "scrutiniz"}, {"idealis", "idealiz"},
    {"capitalis", "capitaliz"},   {"energis", "energiz"},     {"equalis", "equaliz"},
    {"computeris", "computeriz"}, {"digitalis", "digitaliz"}, {"industrialis", "industrializ"},
};
const std::string_view kIseEndings[] = {"e", "es", "ed", "ing", "ation", "ations", "er", "ers"};

const Spelling kDoubledLStems[] = {
    {"travell", "travel"},   {"cancell", "cancel"},   {"labell", "label"},   {"modell", "model"},
    {"fuell", "fuel"},       {"counsell", "counsel"}, {"quarrell", "quarrel"}, {"signall", "signal"},
    {"levell", "level"},     {"diall", "dial"},       {"totall", "total"},   {"snorkell", "snorkel"},
    {"shovell", "shovel"},   {"pencill", "pencil"},   {"marshall", "marshal"},
};
const std::string_view kDoubledLEndings[] = {"ed", "ing", "er", "ers"};

// Whole words: -re, single spellings, and nouns known by their American name.
const Spelling kWords[] = {
    {"centre", "center"}, {"centres", "centers"}, {"centred", "centered"}, {"theatre", "theater"},
    {"theatres", "theaters"}, {"metre", "meter"}, {"metres", "meters"}, {"litre", "liter"},
    {"litres", "liters"}, {"kilometre", "kilometer"}, {"kilometres", "kilometers"},
    {"centimetre", "centimeter"}, {"centimetres", "centimeters"}, {"millimetre", "millimeter"},
    {"millimetres", "millimeters"}, {"fibre", "fiber"}, {"fibres", "fibers"}, {"calibre", "caliber"},
    {"sombre", "somber"}, {"spectre", "specter"}, {"lustre", "luster"}, {"meagre", "meager"},
    {"manoeuvre", "maneuver"}, {"manoeuvres", "maneuvers"}, {"manoeuvred", "maneuvered"},
    {"analyse", "analyze"}, {"analysed", "analyzed"}, {"analysing", "analyzing"},
    {"paralyse", "paralyze"}, {"paralysed", "paralyzed"}, {"practise", "practice"},
    {"practised", "practiced"}, {"practising", "practicing"}, {"practises", "practices"},
    {"grey", "gray"}, {"greys", "grays"}, {"programme", "program"}, {"programmes", "programs"},
    {"tyre", "tire"}, {"tyres", "tires"}, {"pyjamas", "pajamas"}, {"aluminium", "aluminum"},
    {"mum", "mom"}, {"mums", "moms"}, {"maths", "math"}, {"aeroplane", "airplane"},
    {"aeroplanes", "airplanes"}, {"defence", "defense"}, {"licence", "license"},
    {"licences", "licenses"}, {"offence", "offense"}, {"offences", "offenses"},
    {"sceptical", "skeptical"}, {"moustache", "mustache"}, {"mould", "mold"}, {"mouldy", "moldy"},
    {"kerb", "curb"}, {"plough", "plow"}, {"cosy", "cozy"}, {"cheque", "check"}, {"cheques", "checks"},
    {"jewellery", "jewelry"}, {"marvellous", "marvelous"}, {"woollen", "woolen"},
    {"skilful", "skillful"}, {"fulfil", "fulfill"}, {"enrol", "enroll"}, {"ageing", "aging"},
    {"learnt", "learned"}, {"spelt", "spelled"}, {"dreamt", "dreamed"}, {"spoilt", "spoiled"},
    {"leapt", "leaped"}, {"whilst", "while"}, {"amongst", "among"}, {"storey", "story"},
    {"storeys", "stories"}, {"petrol", "gasoline"}, {"lorry", "truck"}, {"lorries", "trucks"},
    {"motorway", "highway"}, {"motorways", "highways"}, {"pavement", "sidewalk"},
    {"pavements", "sidewalks"}, {"nappy", "diaper"}, {"nappies", "diapers"}, {"biscuit", "cookie"},
    {"biscuits", "cookies"}, {"queue", "line"}, {"queues", "lines"},
};

const std::unordered_map<std::string, std::string>& spellings() {
    static const std::unordered_map<std::string, std::string> table = [] {
        std::unordered_map<std::string, std::string> words;
        const auto add_family = [&](const auto& stems, const auto& endings) {
            for (const Spelling& stem : stems)
                for (const std::string_view ending : endings)
                    words.emplace(std::string(stem.british) + std::string(ending),
                                  std::string(stem.american) + std::string(ending));
        };
        add_family(kOurStems, kOurEndings);
        add_family(kIseStems, kIseEndings);
        add_family(kDoubledLStems, kDoubledLEndings);
        for (const Spelling& word : kWords) words.emplace(word.british, word.american);
        return words;
    }();
    return table;
}

// `american` with the capitals of `written`: "Colour" -> "Color", "COLOUR" -> "COLOR".
std::string cased_as(std::string american, std::string_view written) {
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    bool all_upper = written.size() > 1;
    for (const char c : written) all_upper = all_upper && upper(c);
    for (std::size_t i = 0; i < american.size(); ++i)
        if (american[i] >= 'a' && american[i] <= 'z' && (all_upper || (i == 0 && upper(written[0]))))
            american[i] = static_cast<char>(american[i] - 'a' + 'A');
    return american;
}

// Whether "flat" between `before` and `after` is the noun for a home: after a determiner ("my
// flat", "a flat", "a small flat") and before what does not follow an adjective ("is", "in", a mark, the end);
// "a flat tyre", "the road is flat" and "a flat rate" stay.
bool is_dwelling(std::string_view before, std::string_view after) {
    static const std::vector<std::string_view> determiners = {"my", "your", "his", "her", "our", "their", "the",
                                                              "a", "this", "that", "new", "old", "whose"};
    static const std::vector<std::string_view> next_words = {
        "is", "was", "has", "had", "in", "on", "at", "near", "with", "for", "which", "that",
        "where", "since", "because", "to", "from", "of", "are", "were", "have", "above", "below", "next"};
    static const std::vector<std::string_view> adjectives = {"small", "big", "large", "tiny", "little", "nice",
                                                             "lovely", "cheap", "rented", "furnished", "modern",
                                                             "own", "new", "old", "first", "empty"};
    const auto listed = [](const std::vector<std::string_view>& words, std::string_view word) {
        return std::find(words.begin(), words.end(), ascii_lowercase(word)) != words.end();
    };
    const std::string_view word_before = last_word(before);
    const std::string_view rest = before.substr(0, static_cast<std::size_t>(word_before.data() - before.data()));
    // "my flat", or "a small flat".
    if (!listed(determiners, word_before) && !(listed(adjectives, word_before) && listed(determiners, last_word(rest))))
        return false;
    const std::size_t first = after.find_first_not_of(' ');
    if (first == std::string_view::npos) return true;
    if (!is_ascii_letter(after[first])) return after[first] != '-';
    std::size_t end = first;
    while (end < after.size() && is_ascii_letter(after[end])) ++end;
    const std::string next = ascii_lowercase(after.substr(first, end - first));
    return std::find(next_words.begin(), next_words.end(), next) != next_words.end();
}

}  // namespace

std::vector<RewrittenWord> american_spellings(std::string_view text) {
    std::vector<RewrittenWord> found;
    const auto joins = [&](std::size_t at) { return is_ascii_digit(text[at]) || text[at] == '-'; };
    for (const LetterRun& run : letter_runs(text)) {
        if ((run.begin > 0 && joins(run.begin - 1)) || (run.end < text.size() && joins(run.end))) continue;
        const std::string_view word = text.substr(run.begin, run.end - run.begin);
        const auto spelling = spellings().find(run.lower);
        if (spelling != spellings().end())
            found.push_back({run.begin, word.size(), cased_as(spelling->second, word)});
        else if ((run.lower == "flat" || run.lower == "flats") &&
                 is_dwelling(text.substr(0, run.begin), text.substr(run.end)))
            found.push_back({run.begin, word.size(), cased_as(run.lower == "flat" ? "apartment" : "apartments", word)});
    }
    return found;
}

std::string with_american_spelling(std::string_view text) {
    return with_rewritten_words(text, american_spellings(text));
}

}  // namespace attentive
