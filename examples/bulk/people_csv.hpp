// bulk_invite's input: the people to invite, read from a CSV file as people have it, with libcsv
// (an RFC 4180 reader: quoted fields may hold commas, quotes, newlines and any byte).
//
// A UTF-8 byte order mark is skipped. The first record is a header when it names an email column
// ("email" or "Email Address", any case, spaces, '-' and '_' ignored; "personal_email" likewise),
// or when --email-column names one of its fields; then other columns are ignored (and reported
// once). Without a header, each record is `email[,personal_email]`. Blank records are skipped.
// Leading and trailing spaces of a field are dropped. The same email address on a later row is
// a duplicate: it is not sent again.
#pragma once

#include <csv.h>

#include <cctype>
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
    long duplicate_of = 0;  ///< the earlier row with the same email address, if any
};

/// What reading the file gives: the people, and what the reader has to say about the columns.
struct PeopleFile {
    std::vector<Person> people;
    std::vector<std::string> ignored_columns;
    bool had_header = false;
};

/// Column names to look for, when the command line names them.
struct ColumnNames {
    std::string email;           ///< empty: find "email" or "email address"
    std::string personal_email;  ///< empty: find "personal email"
};

namespace detail {

/// A header name folded for comparison: lower case, without spaces, '-' and '_'.
inline std::string folded(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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

}  // namespace detail

/// Parses CSV `text` into records with libcsv; false, with `error`, for text it cannot read (such
/// as a quote that is never closed).
inline bool parse_csv(const std::string& text, std::vector<std::vector<std::string>>& records,
                      std::string& error) {
    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        error = "cannot start the CSV reader";
        return false;
    }
    detail::Records collected;
    const bool read =
        csv_parse(&parser, text.data(), text.size(), detail::Records::on_field,
                  detail::Records::on_record, &collected) == text.size() &&
        csv_fini(&parser, detail::Records::on_field, detail::Records::on_record, &collected) == 0;
    if (!read) error = std::string("not valid CSV: ") + csv_strerror(csv_error(&parser));
    csv_free(&parser);
    records = std::move(collected.records);
    return read;
}

/// Reads the people from CSV `text`. False, with `error`, when the text is not CSV or the columns
/// named on the command line are not in its header.
inline bool read_people(std::string text, const ColumnNames& names, PeopleFile& file,
                        std::string& error) {
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> records;
    if (!parse_csv(text, records, error)) return false;

    std::optional<std::size_t> email_column;
    std::optional<std::size_t> personal_column;
    if (!records.empty()) {
        const std::vector<std::string>& first = records.front();
        for (std::size_t i = 0; i < first.size(); ++i) {
            const std::string name = detail::folded(detail::trimmed(first[i]));
            const bool is_email = names.email.empty() ? (name == "email" || name == "emailaddress")
                                                      : name == detail::folded(names.email);
            const bool is_personal =
                names.personal_email.empty()
                    ? (name == "personalemail" || name == "personalemailaddress")
                    : name == detail::folded(names.personal_email);
            if (is_email && !email_column) {
                email_column = i;
            } else if (is_personal && !personal_column) {
                personal_column = i;
            }
        }
        file.had_header = email_column.has_value();
        if (!file.had_header && !names.email.empty()) {
            error = "the first row has no column named \"" + names.email + "\"";
            return false;
        }
        if (file.had_header) {
            for (std::size_t i = 0; i < first.size(); ++i) {
                if (i != email_column && i != personal_column) {
                    file.ignored_columns.push_back(detail::trimmed(first[i]));
                }
            }
        }
    }

    std::map<std::string, long> first_row_of;
    for (std::size_t index = file.had_header ? 1 : 0; index < records.size(); ++index) {
        const std::vector<std::string>& fields = records[index];
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
        if (person.problem.empty() && person.email.empty() &&
            (!person.personal_email || person.personal_email->empty())) {
            bool blank = true;
            for (const std::string& field : fields) blank = blank && detail::trimmed(field).empty();
            if (blank) continue;  // a row of empty fields, such as ",,"
        }
        if (person.problem.empty() && !person.email.empty()) {
            const auto [earlier, added] = first_row_of.emplace(person.email, person.row);
            if (!added) person.duplicate_of = earlier->second;
        }
        file.people.push_back(std::move(person));
    }
    return true;
}

}  // namespace bulk
