// bulk_invite's input: the people to invite, read from a CSV file as people have it, with libcsv
// (an RFC 4180 reader: quoted fields may hold commas, quotes, newlines and any byte).
//
// A UTF-8 byte order mark is skipped; UTF-16 text is refused. The delimiter is `,`, `;` or a tab
// (Excel writes `;` in some countries): the one that splits the first record into fields one of
// which names an email column, else the one found most often outside quotes on the first line,
// else `,`; or the one given. The first record is a person when --no-header is given, or when no
// column is named on the command line and its first non-empty field holds an '@' (a file of
// `email[,personal_email]` records). Otherwise it is a header, and it must name the email column
// ("email" or "Email Address", any case, spaces, '-' and '_' ignored; or the --email-column name):
// a header that names none is an error, and so is a file with no person in it. Other columns are
// ignored (and reported once). Blank records are skipped. Leading and trailing spaces of a field
// are dropped. The same email address on a later row is a duplicate: it is not sent again.
// Addresses that differ only in ASCII letter case are each sent (OneLogin matches the spelling
// given) and reported together.
#pragma once

#include <csv.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulk {

/// One person to invite: the record's number in the file (the header, if any, is record 1).
struct Person {
    long row = 0;
    std::string email;
    std::optional<std::string> personal_email;
    std::string problem;    ///< why the record is not a person, when it is not
    long duplicate_of = 0;  ///< the earlier row with the byte-equal email address, if any
    long case_group = -1;   ///< index in PeopleFile::case_variants of its address, or -1
};

/// Why a file gave no people to invite.
enum class ReadProblem {
    none,              ///< the file was read
    not_csv,           ///< libcsv cannot read it (such as a quote that is never closed)
    empty,             ///< no person in it: no records, or a header alone
    no_email_column,   ///< the first record is a header that names no known email column
    column_not_found,  ///< a column named by --email-column or --personal-email-column is not there
};

/// The problem's name, as a program prints it.
inline const char* to_string(ReadProblem problem) {
    switch (problem) {
        case ReadProblem::none: return "none";
        case ReadProblem::not_csv: return "not_csv";
        case ReadProblem::empty: return "empty";
        case ReadProblem::no_email_column: return "no_email_column";
        case ReadProblem::column_not_found: return "column_not_found";
    }
    return "none";
}

/// What reading the file gives: the people, and what the reader has to say about the file.
struct PeopleFile {
    std::vector<Person> people;
    std::vector<std::string> ignored_columns;
    bool had_header = false;
    char delimiter = ',';  ///< the delimiter the file was read with
    ReadProblem problem = ReadProblem::none;
    /// Rows whose addresses are equal but for ASCII letter case, one group per address, each in
    /// row order and holding the first row of each spelling (the rows that are sent).
    std::vector<std::vector<long>> case_variants;
};

/// How to read the file, when the command line says.
struct ColumnNames {
    std::string email;           ///< empty: find "email" or "email address"
    std::string personal_email;  ///< empty: find "personal email"
    char delimiter = 0;          ///< 0: find it from the first line
    bool no_header = false;      ///< the first record is a person, whatever it holds
};

namespace detail {

/// `text` with ASCII letters in lower case (no locale: an address's other bytes stay as they are).
inline std::string ascii_lower(const std::string& text) {
    std::string out = text;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// A header name folded for comparison: lower case, without spaces, tabs, '-' and '_'.
inline std::string folded(const std::string& name) {
    std::string out;
    for (const char c : ascii_lower(name)) {
        if (c != ' ' && c != '-' && c != '_' && c != '\t') out += c;
    }
    return out;
}

inline std::string trimmed(const std::string& text) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && blank(text[begin])) ++begin;
    while (end > begin && blank(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

/// A field from the file as an error text shows it: quoted, control bytes as \xNN, at most 60
/// bytes.
inline std::string shown(const std::string& field) {
    static const char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < field.size() && i < 60; ++i) {
        const auto byte = static_cast<unsigned char>(field[i]);
        if (byte < 0x20 || byte == 0x7f || byte == '"' || byte == '\\') {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += field[i];
        }
    }
    return out + (field.size() > 60 ? "...\"" : "\"");
}

/// Collects libcsv's records.
struct Records {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> fields;

    static void on_field(void* data, std::size_t size, void* self) {
        static_cast<Records*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
    }
    static void on_record(int /*terminator*/, void* self) {
        auto& records = *static_cast<Records*>(self);
        records.records.push_back(std::move(records.fields));
        records.fields.clear();
    }
};

/// Whether a folded header name is one of the known email column names.
inline bool is_email_name(const std::string& name) {
    return name == "email" || name == "emailaddress";
}

inline bool is_personal_name(const std::string& name) {
    return name == "personalemail" || name == "personalemailaddress";
}

/// The first record of `text` read with `delimiter`, or nothing when libcsv cannot read it. Reads
/// a line at a time, so that a large file is not read three times over.
inline std::optional<std::vector<std::string>> first_record(const std::string& text,
                                                            char delimiter) {
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return {};
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    Records collected;
    bool read = true;
    std::size_t start = 0;
    while (read && collected.records.empty() && start < text.size()) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
        read = csv_parse(&parser, text.data() + start, end - start, Records::on_field,
                         Records::on_record, &collected) == end - start;
        start = end;
    }
    if (read && collected.records.empty()) {
        read = csv_fini(&parser, Records::on_field, Records::on_record, &collected) == 0;
    }
    csv_free(&parser);
    if (!read || collected.records.empty()) return {};
    return std::move(collected.records.front());
}

}  // namespace detail

/// The delimiter of CSV `text`: `,`, `;` or a tab, whichever splits the first record into fields
/// that include an email column name (a known one, or `names.email`); else the one most frequent
/// outside quotes on the first line; else `,`.
inline char detect_delimiter(const std::string& text, const ColumnNames& names) {
    static const char candidates[] = {',', ';', '\t'};
    for (const char delimiter : candidates) {
        const auto fields = detail::first_record(text, delimiter);
        if (!fields) continue;
        for (const std::string& field : *fields) {
            const std::string name = detail::folded(detail::trimmed(field));
            if (names.email.empty() ? detail::is_email_name(name)
                                    : name == detail::folded(names.email)) {
                return delimiter;
            }
        }
    }
    std::size_t counts[3] = {0, 0, 0};
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        for (std::size_t k = 0; k < 3; ++k) counts[k] += c == candidates[k] ? 1U : 0U;
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < 3; ++k) {
        if (counts[k] > counts[best]) best = k;
    }
    return candidates[best];
}

/// Parses CSV `text` into records with libcsv, fields split by `delimiter`; false, with `error`
/// naming the line, for text it cannot read (such as a quote that is never closed).
inline bool parse_csv(const std::string& text, std::vector<std::vector<std::string>>& records,
                      std::string& error, char delimiter = ',') {
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        error = "cannot start the CSV reader";
        return false;
    }
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
    detail::Records collected;
    const std::size_t parsed =
        csv_parse(&parser, text.data(), text.size(), detail::Records::on_field,
                  detail::Records::on_record, &collected);
    bool read = parsed == text.size();
    if (!read) {
        std::size_t line = 1;
        for (std::size_t i = 0; i < parsed; ++i) line += text[i] == '\n' ? 1U : 0U;
        error = "not valid CSV at line " + std::to_string(line) + ": " +
                csv_strerror(csv_error(&parser)) + " (a quote inside a field that is not quoted?)";
    } else if (csv_fini(&parser, detail::Records::on_field, detail::Records::on_record,
                        &collected) != 0) {
        read = false;
        error = "not valid CSV: a quoted field is still open at the end of the file";
    }
    csv_free(&parser);
    records = std::move(collected.records);
    return read;
}

/// Reads the people from CSV `text`. False, with `error` and `file.problem`, when the text is not
/// CSV, has no person in it, or its header does not name the email column (or a column named on
/// the command line).
inline bool read_people(std::string text, const ColumnNames& names, PeopleFile& file,
                        std::string& error) {
    const auto fail = [&](ReadProblem problem, const std::string& why) {
        file.problem = problem;
        error = why;
        return false;
    };
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0) {
        return fail(ReadProblem::not_csv,
                    "the file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\"");
    }
    file.delimiter = names.delimiter != 0 ? names.delimiter : detect_delimiter(text, names);
    std::vector<std::vector<std::string>> records;
    std::string csv_error;
    if (!parse_csv(text, records, csv_error, file.delimiter)) {
        return fail(ReadProblem::not_csv, csv_error);
    }
    const auto blank = [](const std::vector<std::string>& fields) {
        for (const std::string& field : fields) {
            if (!detail::trimmed(field).empty()) return false;
        }
        return true;
    };
    std::size_t first = 0;
    while (first < records.size() && blank(records[first])) ++first;
    if (first == records.size()) return fail(ReadProblem::empty, "the file has no records");

    std::optional<std::size_t> email_column;
    std::optional<std::size_t> personal_column;
    const std::vector<std::string>& header = records[first];
    if (!names.no_header && names.email.empty() && names.personal_email.empty()) {
        std::string first_field;
        for (const std::string& field : header) {
            first_field = detail::trimmed(field);
            if (!first_field.empty()) break;
        }
        file.had_header = first_field.find('@') == std::string::npos;
    } else {
        file.had_header = !names.no_header;
    }
    if (file.had_header) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string name = detail::folded(detail::trimmed(header[i]));
            const bool is_email = names.email.empty() ? detail::is_email_name(name)
                                                      : name == detail::folded(names.email);
            const bool is_personal = names.personal_email.empty()
                                         ? detail::is_personal_name(name)
                                         : name == detail::folded(names.personal_email);
            if (is_email && !email_column) {
                email_column = i;
            } else if (is_personal && !personal_column) {
                personal_column = i;
            }
        }
        std::string fields;
        for (std::size_t i = 0; i < header.size() && i < 20; ++i) {
            fields += (i == 0 ? "" : ", ") + detail::shown(detail::trimmed(header[i]));
        }
        if (header.size() > 20) fields += ", ...";
        const std::string where =
            "the header (row " + std::to_string(first + 1) + ": " + fields + ", split by " +
            (file.delimiter == '\t' ? std::string("tabs")
                                    : "'" + std::string(1, file.delimiter) + "'") +
            ")";
        if (!email_column && !names.email.empty()) {
            return fail(ReadProblem::column_not_found,
                        where + " has no column named " + detail::shown(names.email));
        }
        if (!email_column) {
            return fail(ReadProblem::no_email_column,
                        where +
                            " names no email column (\"email\" or \"Email Address\"): name "
                            "it with --email-column, or pass --no-header if that row is a "
                            "person");
        }
        if (!personal_column && !names.personal_email.empty()) {
            return fail(ReadProblem::column_not_found,
                        where + " has no column named " + detail::shown(names.personal_email));
        }
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (i != email_column && i != personal_column) {
                file.ignored_columns.push_back(detail::trimmed(header[i]));
            }
        }
    }

    std::map<std::string, long> first_row_of;               // by address, byte for byte
    std::map<std::string, std::vector<long>> spellings_of;  // by address in lower case
    for (std::size_t index = file.had_header ? first + 1 : first; index < records.size(); ++index) {
        const std::vector<std::string>& fields = records[index];
        if (blank(fields)) continue;  // a row of empty fields, such as ",,"
        Person person;
        person.row = static_cast<long>(index) + 1;
        if (file.had_header) {
            if (*email_column < fields.size())
                person.email = detail::trimmed(fields[*email_column]);
            if (personal_column && *personal_column < fields.size()) {
                const std::string personal = detail::trimmed(fields[*personal_column]);
                if (!personal.empty()) person.personal_email = personal;
            }
        } else if (fields.size() > 2) {
            person.problem = "more than two fields and no header naming the columns";
        } else {
            person.email = detail::trimmed(fields[0]);
            if (fields.size() == 2 && !detail::trimmed(fields[1]).empty()) {
                person.personal_email = detail::trimmed(fields[1]);
            }
        }
        if (person.problem.empty() && !person.email.empty()) {
            const auto [earlier, added] = first_row_of.emplace(person.email, person.row);
            if (added) {
                spellings_of[detail::ascii_lower(person.email)].push_back(person.row);
            } else {
                person.duplicate_of = earlier->second;
            }
        }
        file.people.push_back(std::move(person));
    }
    if (file.people.empty()) {
        return fail(ReadProblem::empty, "the file has a header but no rows");
    }

    std::map<std::string, long> group_of;
    for (Person& person : file.people) {
        if (!person.problem.empty() || person.email.empty()) continue;
        const std::string lower = detail::ascii_lower(person.email);
        const std::vector<long>& rows = spellings_of[lower];
        if (rows.size() < 2) continue;
        const auto [group, added] =
            group_of.emplace(lower, static_cast<long>(file.case_variants.size()));
        if (added) file.case_variants.push_back(rows);
        person.case_group = group->second;
    }
    return true;
}

}  // namespace bulk
