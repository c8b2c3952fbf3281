// bulk_invite's command line: every option declared once (CLI11), read into the run's settings
// with the credentials, and checked before anything is read or sent.
#pragma once

#include "../command_line.hpp"
#include "../invite_cli.hpp"
#include "people_csv.hpp"
#include "report.hpp"
#include "settings.hpp"

#include <onelogin/invite.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <variant>

namespace bulk {

/// What --help says before the options.
inline const char* const description =
    "Invites everyone in a CSV file, recording each row's fate in a results file.\n";

/// What --help says after the options: where the credentials come from, the rows' states and
/// the exit statuses.
inline const char* const footer =
    "v3's API key is read from --api-key-file (- for standard input), else ONELOGIN_API_KEY.\n"
    "--api1: a token from ONELOGIN_CLIENT_ID and the secret (from --client-secret-file, else\n"
    "ONELOGIN_CLIENT_SECRET), or ONELOGIN_ACCESS_TOKEN; the run is paced by the rate-limit\n"
    "headers.\n"
    "Rows: sent, refused, duplicate (an address already in an earlier row, sent once), not_sent\n"
    "(safe to send: the request did nothing, e.g. a 429 or 503), unknown (it may have arrived: a\n"
    "timeout, a gateway's 502 or 504). Addresses that differ only in letter case are each sent,\n"
    "and named together.\n"
    "Exit status, for the whole results file: 0 every row sent; 4 every row answered, some\n"
    "refused; 5 some rows not sent yet (run again with --resume); 6 some rows unknown (the\n"
    "request may have arrived: check, then --resume --resend-unknown); 3 the credentials were\n"
    "refused (fix them, then --resume); 7 a malformed credential or base URL, a base URL that\n"
    "leads to no call (a redirect, a 404), or a token endpoint that could not be reached (fix\n"
    "it, then --resume); 2 usage, a header with no email column, a results file that exists\n"
    "(without --resume) or that another run holds, or a people file another run holds; 1 the\n"
    "people file could not be read, or the results file could not be trusted or written.";

/// The command line, read; or the status to exit with.
struct Options {
    Settings settings;
    std::string input;
    std::string results_path;
    std::string report_path;
    bool resume = false;
    bool show_progress = isatty(fileno(stderr)) != 0;
    bulk::ColumnNames columns;
};

/// Reads the command line, then the credentials it names (or the environment gives). Returns the
/// options, or the status to exit with: 0 after --help, usage_error after saying what is wrong.
inline std::variant<Options, int> read_options(int argc, char** argv) {
    Options options;
    Settings& settings = options.settings;
    std::string key_file;
    std::string subdomain;
    std::string client_secret_file;
    std::string delimiter;
    long timeout_seconds = settings.timeout_ms / 1000;
    bool api1 = false;
    bool links = false;
    bool no_progress = false;
    CLI::App app(description, "bulk_invite");
    app.footer(footer);
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // last wins
    app.add_option("PEOPLE.csv", options.input, "the people to invite, a CSV file")
        ->type_name("FILE")
        ->required();
    app.add_option("--results", options.results_path,
                   "the results journal (default: PEOPLE.csv.results.csv, mode 0600); one run "
                   "at a time: a second run on it stops at once")
        ->type_name("FILE");
    app.add_option("--report", options.report_path,
                   "one row per input row with its final state (default: the results file's "
                   "name with .report.csv for .results.csv)")
        ->type_name("FILE");
    CLI::Option* resume =
        app.add_flag("--resume", options.resume, "continue the results file's run");
    app.add_flag("--resend-unknown", settings.resend_unknown,
                 "with --resume, send again the rows whose request may have arrived (check "
                 "first: each may invite the person a second time)")
        ->needs(resume);
    app.add_flag("--links", links,
                 "Generate Invite Link: write each link to the results file instead of "
                 "emailing it");
    CLI::Option* base_url = invite_cli::add_endpoint_options(app, settings.endpoint, key_file);
    invite_cli::add_api1_options(app, api1, subdomain, client_secret_file, base_url);
    app.add_option("--concurrency", settings.concurrency, "requests in flight at once")
        ->type_name("N")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    app.add_option("--max-attempts", settings.max_attempts,
                   "tries per row for failures that are safe to retry")
        ->type_name("N")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    app.add_option("--backoff-ms", settings.backoff_ms,
                   "wait before the first retry, doubled each time")
        ->type_name("MS")
        ->check(CLI::Range(0L, 600'000L))
        ->capture_default_str();
    app.add_option("--timeout", timeout_seconds, "seconds to wait for each answer")
        ->type_name("SECONDS")
        ->check(CLI::Range(1L, 600L))
        ->capture_default_str();
    CLI::Option* email_column =
        app.add_option("--email-column", options.columns.email,
                       "the header's name for the email column (default: email or \"Email "
                       "Address\"); a header naming no email column stops the run")
            ->type_name("NAME");
    CLI::Option* personal_column =
        app.add_option("--personal-email-column", options.columns.personal_email,
                       "the header's name for the personal email column (default: "
                       "personal_email)")
            ->type_name("NAME");
    app.add_flag("--no-header", options.columns.no_header,
                 "the first row is a person: each row is email[,personal_email]")
        ->excludes(email_column)
        ->excludes(personal_column);
    app.add_option("--delimiter", delimiter,
                   "the field separator: , ; or tab (default: found from the first row)")
        ->type_name("SEPARATOR")
        ->check(CLI::IsMember({",", ";", "tab"}).description(""));
    app.add_flag("--no-progress", no_progress, "no progress line on standard error");
    if (const auto status = command_line::parse(app, argc, argv)) return *status;
    if (api1 && subdomain.empty() && base_url->count() == 0) {
        return command_line::usage_error(app, "--api1 needs --subdomain or --base-url");
    }
    if (!delimiter.empty()) options.columns.delimiter = delimiter == "tab" ? '\t' : delimiter[0];
    if (no_progress) options.show_progress = false;
    settings.timeout_ms = timeout_seconds * 1000;
    settings.call = api1 ? (links ? Call::api1_links : Call::api1_send)
                         : (links ? Call::v3_links : Call::v3_send);
    if (options.results_path.empty()) options.results_path = options.input + ".results.csv";
    if (options.report_path.empty())
        options.report_path = bulk::report_path_for(options.results_path);
    // The report is renamed over its path at the end, after its temporary is removed: neither may
    // be the people file or the results file, whose rows' states would be lost.
    const std::string temporary = bulk::report_temporary_path(options.report_path);
    char* resolved = ::realpath(options.input.c_str(), nullptr);  // the file a link names
    const std::string target = resolved != nullptr ? resolved : options.input;
    std::free(resolved);
    for (const std::string* kept : std::initializer_list<const std::string*>{
             &options.input, &target, &options.results_path}) {
        const bool input = kept != &options.results_path;
        if (bulk::same_entry(options.report_path, *kept) || bulk::same_entry(temporary, *kept) ||
            (input && bulk::same_entry(options.results_path, *kept))) {
            std::fprintf(stderr,
                         "bulk_invite: the %s %s would be overwritten: give --results and "
                         "--report files of their own (the report is written to FILE.tmp, then "
                         "renamed to FILE)\n",
                         input ? "people file" : "results file", kept->c_str());
            return usage_error;
        }
    }

    std::string error;
    if (api1) {
        const auto credentials = invite_cli::read_api1_credentials(client_secret_file, error);
        if (!credentials) {
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        }
        settings.api1_credentials = *credentials;
        settings.api1_endpoint =
            subdomain.empty()
                ? onelogin::api1::Endpoint(onelogin::api1::BaseUrl{settings.endpoint.base_url})
                : onelogin::api1::Endpoint(onelogin::api1::Subdomain{subdomain});
    } else {
        const auto key =
            invite_cli::read_api_key(key_file.empty() ? nullptr : key_file.c_str(), error);
        if (!key) {
            std::fprintf(stderr, "bulk_invite: %s\n", error.c_str());
            return usage_error;
        }
        settings.api_key = *key;
    }
    return options;
}

/// Why the run's own settings cannot make any request (a malformed API key, client secret,
/// token or base URL), found before anything is read or sent; empty when they can. Such a run is
/// stopped without a mark on any row.
inline std::string settings_problem(const Settings& settings) {
    const std::string probe = "someone@example.com";  // an address every rule accepts
    const auto built = [&]() -> std::variant<onelogin::HttpRequest, onelogin::InvalidRequest> {
        if (!settings.api1()) {
            return onelogin::v3::make_send_invite_request({settings.api_key, probe},
                                                          settings.endpoint);
        }
        if (!settings.api1_credentials.client.client_id.empty()) {
            return onelogin::api1::make_token_request(settings.api1_credentials.client,
                                                      settings.api1_endpoint);
        }
        return onelogin::api1::make_send_invite_request(
            {settings.api1_credentials.access_token, probe}, settings.api1_endpoint);
    }();
    const auto* invalid = std::get_if<onelogin::InvalidRequest>(&built);
    return invalid == nullptr ? std::string() : onelogin::to_string(*invalid);
}

}  // namespace bulk
