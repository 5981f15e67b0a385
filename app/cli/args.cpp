#include "args.h"

namespace attentive::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
           const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& word = argv[i];
        if (word.size() < 2 || word[0] != '-') {
            m_positional.push_back(word);
            continue;
        }
        std::string name = word.substr(word.find_first_not_of('-'));
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            m_flags.insert(name);
        } else if (value_options.count(name)) {
            if (inline_value) {
                m_values[name].push_back(*inline_value);
            } else if (i + 1 < argv.size()) {
                m_values[name].push_back(argv[++i]);
            } else {
                throw UsageError("option --" + name + " needs a value");
            }
        } else {
            throw UsageError("unknown option " + word);
        }
    }
}

bool Args::has(const std::string& name) const { return m_flags.count(name) || m_values.count(name); }

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second.back();
}

std::string Args::required(const std::string& name) const {
    auto it = m_values.find(name);
    if (it == m_values.end()) throw UsageError("missing required option --" + name);
    return it->second.back();
}

std::vector<std::string> Args::all(const std::string& name) const {
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

int Args::get_int(const std::string& name, int fallback) const {
    if (!m_values.count(name)) return fallback;
    const std::string text = get(name, "");
    try {
        std::size_t used = 0;
        int value = std::stoi(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return value;
    } catch (const std::logic_error&) {
        throw UsageError("--" + name + " expects a whole number, got '" + text + "'");
    }
}

double Args::get_double(const std::string& name, double fallback) const {
    if (!m_values.count(name)) return fallback;
    const std::string text = get(name, "");
    try {
        std::size_t used = 0;
        double value = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return value;
    } catch (const std::logic_error&) {
        throw UsageError("--" + name + " expects a number, got '" + text + "'");
    }
}

}  // namespace attentive::cli
