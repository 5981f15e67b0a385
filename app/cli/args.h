#pragma once
// A small command-line parser for attentive-cli's subcommands: --name value, --flag, and
// repeatable options. Unknown options are errors, so a typo never passes silently.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace attentive::cli {

// A usage mistake: printed with the command's help, exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // `flags`: options without a value; every other --option takes one value.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& value_options,
         const std::set<std::string>& flags);

    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    std::string required(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;  // a repeatable option
    int get_int(const std::string& name, int fallback) const;
    double get_double(const std::string& name, double fallback) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::vector<std::string>> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

}  // namespace attentive::cli
