// bulk_invite's input reader (examples/bulk/people_csv.hpp and people_file.hpp), results journal
// (examples/bulk/journal.hpp) and summary (examples/bulk/report.hpp), on real files in a temporary
// directory: real locks taken by this process and by forked children, real damage, real limits.
#include "bulk_support.hpp"
#include "test_framework.hpp"

#include <bulk/journal.hpp>
#include <bulk/people_csv.hpp>
#include <bulk/people_file.hpp>
#include <bulk/report.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using test_support::read_file;
using test_support::TempDir;

void write_file(const std::string& path, const std::string& text, mode_t mode = 0600) {
    { std::ofstream(path, std::ios::binary | std::ios::trunc) << text; }
    ::chmod(path.c_str(), mode);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// `count` people on rows 2.. (the header is row 1).
std::vector<bulk::Person> people(int count) {
    std::vector<bulk::Person> out;
    for (int i = 0; i < count; ++i) {
        bulk::Person person;
        person.row = i + 2;
        person.email = "user" + std::to_string(i) + "@example.com";
        out.push_back(person);
    }
    return out;
}

/// A journal at `path` with a sending and a sent record for each person.
void write_journal(const std::string& path, const std::vector<bulk::Person>& everyone) {
    bulk::Journal journal;
    std::string error;
    REQUIRE(journal.open(path, false, everyone, error) == bulk::OpenStatus::ok);
    for (const bulk::Person& person : everyone) {
        REQUIRE(journal.append(person, bulk::State::sending, "sending", ""));
        REQUIRE(journal.append(person, bulk::State::sent, "sent", "HTTP 200"));
    }
    REQUIRE(journal.sync());
}

/// The 1-based line that byte `offset` of `text` is on.
std::size_t line_of(const std::string& text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset; ++i) line += text[i] == '\n' ? 1U : 0U;
    return line;
}

/// Opens `path` to resume it, expecting `expected`; the error text.
std::string open_expecting(const std::string& path, bool resume,
                           const std::vector<bulk::Person>& everyone, bulk::OpenStatus expected) {
    bulk::Journal journal;
    std::string error;
    CHECK(journal.open(path, resume, everyone, error) == expected);
    return error;
}

/// A journal with a sending and a sent record for each of `count` people, in a directory of its
/// own: where it is, whom it holds, and its text.
struct WrittenJournal {
    TempDir dir;
    std::string path = dir / "results.csv";
    std::vector<bulk::Person> everyone;
    std::string text;

    explicit WrittenJournal(int count) : everyone(people(count)) {
        write_journal(path, everyone);
        text = read_file(path);
    }
};

/// Writes `damaged` over the journal; --resume must refuse it as damage at `line` and leave it
/// as it is.
void check_damage_at(const WrittenJournal& journal, const std::string& damaged, std::size_t line) {
    write_file(journal.path, damaged);
    const std::string error =
        open_expecting(journal.path, true, journal.everyone, bulk::OpenStatus::damaged);
    CHECK(contains(error, "line " + std::to_string(line) + ":"));
    CHECK(read_file(journal.path) == damaged);
}

/// Reads a byte from `fd`, waiting at most 20 s; -1 on time out or end of file.
int read_byte(int fd) {
    pollfd wait{fd, POLLIN, 0};
    char byte = 0;
    if (::poll(&wait, 1, 20000) != 1 || ::read(fd, &byte, 1) != 1) return -1;
    return static_cast<unsigned char>(byte);
}

}  // namespace

// ---- the journal's states and cells ----------------------------------------------------------

TEST_CASE("journal: every state, duplicate included, has a name that reads back as itself") {
    for (bulk::State state :
         {bulk::State::sending, bulk::State::sent, bulk::State::refused, bulk::State::not_sent,
          bulk::State::unknown, bulk::State::duplicate}) {
        CHECK(bulk::state_named(bulk::to_string(state)) == state);
    }
    CHECK(std::string(bulk::to_string(bulk::State::duplicate)) == "duplicate");
    CHECK(bulk::state_named("none") == bulk::State::none);
    CHECK(bulk::state_named("Sent") == bulk::State::none);
    CHECK(std::string(bulk::to_string(bulk::OpenStatus::locked)) == "locked");
}

TEST_CASE("journal: every cell survives the file, whatever it starts with") {
    const std::vector<std::string> cells = {"",
                                            "'",
                                            "''",
                                            "'''",
                                            "'=1+1",
                                            "=1+1",
                                            "+1",
                                            "-1",
                                            "@SUM(A1)",
                                            "\tx",
                                            "\rx",
                                            "'abc",
                                            "''=x",
                                            "a,b\"c\nd",
                                            std::string("nul\0byte", 8),
                                            std::string("\0=", 2),
                                            "o'brien",
                                            "=",
                                            "'-"};
    for (const std::string& text : cells) {
        // What libcsv reads of cell() is cell() without its quotes; uncell() gives the text back.
        std::vector<std::vector<std::string>> records;
        std::string error;
        REQUIRE(bulk::parse_csv(bulk::Journal::cell(text) + "\n", records, error));
        REQUIRE(records.size() == 1u);
        const std::string read = records[0].empty() ? "" : records[0][0];
        CHECK(bulk::Journal::uncell(read) == text);
    }
    // A spreadsheet sees no formula: the cell starts with ' after its quote.
    CHECK(bulk::Journal::cell("=HYPERLINK(1)") == "\"'=HYPERLINK(1)\"");
    CHECK(bulk::Journal::cell("'=x") == "\"''=x\"");
    CHECK(bulk::Journal::cell("plain") == "\"plain\"");

    TempDir dir;
    const std::string path = dir / "results.csv";
    std::vector<bulk::Person> everyone;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        bulk::Person person;
        person.row = static_cast<long>(i) + 2;
        person.email = cells[i] + "@example.com";
        if (i % 2 == 0) person.email = cells[i];  // the address itself as odd as it comes
        person.personal_email = cells[i];
        everyone.push_back(person);
    }
    {
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, false, everyone, error) == bulk::OpenStatus::ok);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            REQUIRE(journal.append(everyone[i], bulk::State::refused, cells[i],
                                   cells[cells.size() - 1 - i]));
        }
    }
    bulk::Journal resumed;
    std::string error;
    REQUIRE(resumed.open(path, true, everyone, error) == bulk::OpenStatus::ok);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto found = resumed.last_records().find(everyone[i].row);
        REQUIRE(found != resumed.last_records().end());
        CHECK(found->second.state == bulk::State::refused);
        CHECK(found->second.outcome == cells[i]);
        CHECK(found->second.detail == cells[cells.size() - 1 - i]);
    }
}

// ---- opening: new runs, resumed runs ---------------------------------------------------------

TEST_CASE("journal: a new run creates the file 0600 with its header; a second new run is refused") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(3);
    {
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, false, everyone, error) == bulk::OpenStatus::ok);
        struct stat status {};
        REQUIRE(::stat(path.c_str(), &status) == 0);
        CHECK((status.st_mode & 0777) == 0600);
        CHECK(read_file(path) == bulk::Journal::header);
    }
    const std::string error = open_expecting(path, false, everyone, bulk::OpenStatus::exists);
    CHECK(contains(error, "--resume"));
    CHECK(read_file(path) == bulk::Journal::header);
}

TEST_CASE("journal: --resume reads each row's last record, sending as unknown") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(5);
    {
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, false, everyone, error) == bulk::OpenStatus::ok);
        REQUIRE(journal.append(everyone[0], bulk::State::sending, "sending", ""));
        REQUIRE(journal.append(everyone[0], bulk::State::sent, "sent", "HTTP 200"));
        REQUIRE(journal.append(everyone[1], bulk::State::sending, "sending", ""));
        REQUIRE(journal.append(everyone[2], bulk::State::duplicate, "duplicate", "row 2"));
        REQUIRE(journal.append(everyone[3], bulk::State::not_sent, "transport_error", "refused"));
        REQUIRE(journal.sync());
        REQUIRE(journal.sync_if_due());
        CHECK(journal.state_of(everyone[1].row) == bulk::State::unknown);
    }
    bulk::Journal journal;
    std::string error;
    REQUIRE(journal.open(path, true, everyone, error) == bulk::OpenStatus::ok);
    CHECK(journal.state_of(2) == bulk::State::sent);
    CHECK(journal.state_of(3) == bulk::State::unknown);
    CHECK(journal.state_of(4) == bulk::State::duplicate);
    CHECK(journal.state_of(5) == bulk::State::not_sent);
    CHECK(journal.state_of(6) == bulk::State::none);
    const auto& last = journal.last_records();
    CHECK(last.size() == 4);
    CHECK(last.at(3).state == bulk::State::sending);
    CHECK(last.at(2).detail == "HTTP 200");
    CHECK(last.at(5).outcome == "transport_error");
    // Appending goes on after what was there.
    REQUIRE(journal.append(everyone[4], bulk::State::refused, "no_such_user", ""));
    CHECK(journal.state_of(6) == bulk::State::refused);
}

TEST_CASE("journal: --resume on a missing file starts it; on an empty file writes the header") {
    TempDir dir;
    const auto everyone = people(2);
    const std::string missing = dir / "missing.csv";
    CHECK(open_expecting(missing, true, everyone, bulk::OpenStatus::ok).empty());
    CHECK(read_file(missing) == bulk::Journal::header);

    const std::string empty = dir / "empty.csv";
    write_file(empty, "");
    CHECK(open_expecting(empty, true, everyone, bulk::OpenStatus::ok).empty());
    CHECK(read_file(empty) == bulk::Journal::header);

    // A run killed while writing the header: the torn header is the half-written last record.
    const std::string torn = dir / "torn.csv";
    write_file(torn, "row,email,perso");
    CHECK(open_expecting(torn, true, everyone, bulk::OpenStatus::ok).empty());
    CHECK(read_file(torn) == bulk::Journal::header);
}

TEST_CASE("journal: --resume refuses a file others may read or write, and changes nothing") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(2);
    write_journal(path, everyone);
    const std::string before = read_file(path);
    for (const mode_t mode : {0666U, 0640U, 0604U, 0620U}) {
        REQUIRE(::chmod(path.c_str(), mode) == 0);
        const std::string error = open_expecting(path, true, everyone, bulk::OpenStatus::unsafe);
        CHECK(contains(error, path));
        CHECK(contains(error, "chmod 600"));
        CHECK(read_file(path) == before);
    }
    REQUIRE(::chmod(path.c_str(), 0600) == 0);
    CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
}

TEST_CASE("journal: a symbolic link or a directory is refused, for a new run and --resume") {
    TempDir dir;
    const auto everyone = people(2);
    const std::string target = dir / "target.csv";
    write_journal(target, everyone);
    const std::string before = read_file(target);
    const std::string link = dir / "link.csv";
    REQUIRE(::symlink(target.c_str(), link.c_str()) == 0);
    CHECK(
        contains(open_expecting(link, true, everyone, bulk::OpenStatus::unsafe), "symbolic link"));
    open_expecting(link, false, everyone, bulk::OpenStatus::exists);
    // A dangling link is not followed to create its target either.
    const std::string dangling = dir / "dangling.csv";
    REQUIRE(::symlink((dir / "nowhere.csv").c_str(), dangling.c_str()) == 0);
    open_expecting(dangling, false, everyone, bulk::OpenStatus::exists);
    open_expecting(dangling, true, everyone, bulk::OpenStatus::unsafe);
    CHECK(!std::filesystem::exists(dir / "nowhere.csv"));
    CHECK(read_file(target) == before);

    const std::string fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    open_expecting(fifo, true, everyone, bulk::OpenStatus::unsafe);

    const std::string directory = dir / "directory";
    REQUIRE(::mkdir(directory.c_str(), 0700) == 0);
    open_expecting(directory, true, everyone, bulk::OpenStatus::unsafe);
    open_expecting(directory, false, everyone, bulk::OpenStatus::exists);
    open_expecting(dir / "no/such/directory.csv", false, everyone, bulk::OpenStatus::failed);
}

TEST_CASE("journal: --resume refuses a file another user owns") {
    if (::geteuid() != 0) return;  // only root can give a file away
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(2);
    write_journal(path, everyone);
    REQUIRE(::chown(path.c_str(), 12345, 12345) == 0);
    const std::string error = open_expecting(path, true, everyone, bulk::OpenStatus::unsafe);
    CHECK(contains(error, "12345"));
    CHECK(contains(error, "chown"));
}

// ---- one run at a time -----------------------------------------------------------------------

TEST_CASE("journal: a second open in this process is locked out, and names this process") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(2);
    bulk::Journal first;
    std::string error;
    REQUIRE(first.open(path, false, everyone, error) == bulk::OpenStatus::ok);
    REQUIRE(first.append(everyone[0], bulk::State::sending, "sending", ""));
    const std::string locked = open_expecting(path, true, everyone, bulk::OpenStatus::locked);
    CHECK(contains(locked, "process " + std::to_string(::getpid())));
    CHECK(contains(locked, "nothing was sent"));
    open_expecting(path, false, everyone, bulk::OpenStatus::exists);
    // The one that holds it goes on writing.
    CHECK(first.append(everyone[0], bulk::State::sent, "sent", ""));
}

TEST_CASE("journal: a run in another process holds the file until it ends") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(2);
    int ready[2];
    int release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        ::close(release[1]);
        bulk::Journal journal;
        std::string error;
        const bool opened = journal.open(path, false, everyone, error) == bulk::OpenStatus::ok;
        const char byte = opened ? 'y' : 'n';
        if (::write(ready[1], &byte, 1) != 1 || !opened) ::_exit(1);
        read_byte(release[0]);  // until the parent closes it
        ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    REQUIRE(read_byte(ready[0]) == 'y');
    const std::string locked = open_expecting(path, true, everyone, bulk::OpenStatus::locked);
    CHECK(contains(locked, "process " + std::to_string(child)));
    ::close(release[1]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
    ::close(ready[0]);
}

TEST_CASE("journal: runs started in the same moment: exactly one goes on") {
    const auto everyone = people(3);
    // All new, all --resume, and mixed; each round a few times, in a fresh directory.
    for (int round = 0; round < 12; ++round) {
        TempDir dir;
        const std::string path = dir / "results.csv";
        if (round % 3 == 1) write_journal(path, everyone);  // --resume of a file that is there
        const int runs = 5;
        int go[2];
        int told[2];
        int release[2];
        REQUIRE(::pipe(go) == 0);
        REQUIRE(::pipe(told) == 0);
        REQUIRE(::pipe(release) == 0);
        std::vector<pid_t> children;
        for (int run = 0; run < runs; ++run) {
            const bool resume = round % 3 == 1 || (round % 3 == 2 && run % 2 == 1);
            const pid_t child = ::fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                ::close(go[1]);
                ::close(told[0]);
                ::close(release[1]);
                read_byte(go[0]);  // every child starts when the parent closes it
                bulk::Journal journal;
                std::string error;
                const bulk::OpenStatus status = journal.open(path, resume, everyone, error);
                const char byte = static_cast<char>('0' + static_cast<int>(status));
                if (::write(told[1], &byte, 1) != 1) ::_exit(1);
                if (status == bulk::OpenStatus::ok) read_byte(release[0]);  // hold it
                ::_exit(0);
            }
            children.push_back(child);
        }
        ::close(go[0]);
        ::close(told[1]);
        ::close(release[0]);
        ::close(go[1]);
        std::map<bulk::OpenStatus, int> seen;
        for (int run = 0; run < runs; ++run) {
            const int byte = read_byte(told[0]);
            REQUIRE(byte >= '0');
            ++seen[static_cast<bulk::OpenStatus>(byte - '0')];
        }
        ::close(release[1]);
        for (const pid_t child : children) ::waitpid(child, nullptr, 0);
        ::close(told[0]);
        CHECK(seen[bulk::OpenStatus::ok] == 1);
        CHECK(seen[bulk::OpenStatus::ok] + seen[bulk::OpenStatus::exists] +
                  seen[bulk::OpenStatus::locked] ==
              runs);
        // What they left reads back.
        CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
    }
}

// ---- damage ----------------------------------------------------------------------------------

TEST_CASE("journal: a half-written last record is cut off, and only that") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(4);
    write_journal(path, everyone);
    const std::string whole = read_file(path);
    const std::string next = "3,\"user1@example.com\",\"\",refused,\"no_such_user\",\"HTTP 404\"\n";
    for (std::size_t cut = 1; cut < next.size(); ++cut) {
        write_file(path, whole + next.substr(0, cut));
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, true, everyone, error) == bulk::OpenStatus::ok);
        CHECK(read_file(path) == whole);
        CHECK(journal.state_of(3) == bulk::State::sent);
    }
    // Zeroes where the file system had not written the last record yet.
    write_file(path, whole + std::string(300, '\0'));
    CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
    CHECK(read_file(path) == whole);
}

TEST_CASE("journal: a record spanning lines reads back; cut inside it, it is the torn record") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    auto everyone = people(3);
    everyone[1].personal_email = "line one\nline two\r\nthree";
    {
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, false, everyone, error) == bulk::OpenStatus::ok);
        REQUIRE(journal.append(everyone[1], bulk::State::sent, "sent", "a\nb"));
        REQUIRE(journal.append(everyone[2], bulk::State::sent, "sent", "c"));
    }
    const std::string text = read_file(path);
    {
        bulk::Journal journal;
        std::string error;
        REQUIRE(journal.open(path, true, everyone, error) == bulk::OpenStatus::ok);
        CHECK(journal.last_records().at(3).detail == "a\nb");
        CHECK(journal.state_of(4) == bulk::State::sent);
        REQUIRE(journal.append(everyone[1], bulk::State::refused, "x", "one\ntwo\nthree"));
    }
    const std::string longer = read_file(path);
    write_file(path, longer.substr(0, longer.size() - 8));  // inside "two\nthree"
    CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
    CHECK(read_file(path) == text);
}

TEST_CASE("journal: a stray quote at line 42 is damage named by its line; nothing changes") {
    const WrittenJournal journal(60);
    const std::string& text = journal.text;
    std::size_t at = 0;
    for (int line = 1; line < 42; ++line) at = text.find('\n', at) + 1;
    const std::size_t state = text.find(",sen", at);  // line 42: a sending or a sent record
    REQUIRE(state < text.find('\n', at));
    for (const std::string& stray : {std::string("se\"nt"), std::string("\"")}) {
        std::string damaged = text;
        damaged.insert(state + 1, stray);
        check_damage_at(journal, damaged, 42);
    }
}

TEST_CASE("journal: a zeroed block in the middle is damage at its first line; nothing changes") {
    const WrittenJournal journal(300);
    const std::string& text = journal.text;
    REQUIRE(text.size() > 3 * 4096);
    for (const std::size_t block : {std::size_t{4096}, std::size_t{8192}}) {
        std::string damaged = text;
        damaged.replace(block, 4096, std::string(4096, '\0'));
        check_damage_at(journal, damaged, line_of(text, block));
    }
}

TEST_CASE("journal: a zeroed block from one quoted cell into a later one is damage") {
    const WrittenJournal journal(300);
    const std::string& text = journal.text;
    // From inside a detail cell to inside a later line's detail cell: what is left reads as one
    // record of six fields, a known row, address and state.
    const std::size_t from = text.find("HTTP 2", 5000) + 4;
    const std::size_t to = text.find("HTTP 2", from + 4096) + 4;
    std::string damaged = text;
    damaged.replace(from, to - from, std::string(to - from, '\0'));
    check_damage_at(journal, damaged, line_of(text, from));
    // NUL bytes the run wrote are no damage.
    auto odd = people(2);
    odd[0].personal_email = std::string(100, '\0');
    odd[1].personal_email = std::string(100, '\0');
    odd[1].email = std::string(100, '\0');
    const std::string other = journal.dir / "other.csv";
    write_journal(other, odd);
    CHECK(open_expecting(other, true, odd, bulk::OpenStatus::ok).empty());
}

TEST_CASE("journal: records that do not fit the input, or the format, are damage") {
    const WrittenJournal journal(3);
    const std::string& text = journal.text;
    const std::string header = bulk::Journal::header;
    const std::vector<std::pair<std::string, std::size_t>> cases = {
        // another input file's record, at line 3
        {header + "2,\"user0@example.com\",\"\",sent,\"\",\"\"\n" +
             "3,\"someone@else.example\",\"\",sent,\"\",\"\"\n",
         3},
        {header + "9,\"user0@example.com\",\"\",sent,\"\",\"\"\n", 2},         // no such row
        {header + "2x,\"user0@example.com\",\"\",sent,\"\",\"\"\n", 2},        // not a number
        {header + "2,\"user0@example.com\",\"\",done,\"\",\"\"\n", 2},         // no such state
        {header + "2,\"user0@example.com\",\"\",sent,\"\"\n", 2},              // 5 fields
        {header + "2,\"user0@example.com\",\"\",sent,\"\",\"\",\"\"\n", 2},    // 7 fields
        {header + "\n" + "2,\"user0@example.com\",\"\",sent,\"\",\"\"\n", 2},  // an empty line
        {header + "2,\"user0@example.com\",\"\",sent,\"\",\"\"\r3,\"user1@example.com\"\n", 2},
        {"email,state\n" + text.substr(header.size()), 1},  // another header
        {text + "garbage\n", line_of(text, text.size())},
        {text + "\n", line_of(text, text.size())},
        // cut short, but not the start of a record: not repaired
        {text + "7,\"nobody", line_of(text, text.size())},
        {"row,email,x\n", 1},
        // a stray quote leaves the last record's cell open: it is not a torn record
        {text + "4,\"user2@example.com\",\"\",sent,\"ok\",\"\"\"\n", line_of(text, text.size())},
    };
    for (const auto& [damaged, line] : cases) check_damage_at(journal, damaged, line);
}

// ---- writing ---------------------------------------------------------------------------------

TEST_CASE("journal: a record the disk refuses is taken off again, and the file reads back") {
    TempDir dir;
    const std::string path = dir / "results.csv";
    const auto everyone = people(3);
    write_journal(path, everyone);
    const std::string before = read_file(path);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        bulk::Journal journal;
        std::string error;
        if (journal.open(path, true, everyone, error) != bulk::OpenStatus::ok) ::_exit(2);
        const rlim_t limit = static_cast<rlim_t>(before.size()) + 60;
        const rlimit limits{limit, limit};
        if (::setrlimit(RLIMIT_FSIZE, &limits) != 0) ::_exit(3);
        const bool wrote =
            journal.append(everyone[0], bulk::State::refused, "x", std::string(200, 'y'));
        if (wrote || !contains(journal.error(), "cannot write")) ::_exit(4);
        // The file is whole again, so a shorter record still goes in.
        if (!journal.append(everyone[0], bulk::State::sent, "", "")) ::_exit(5);
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string after = read_file(path);
    CHECK(after == before + "2,\"user0@example.com\",\"\",sent,\"\",\"\"\n");
    CHECK(open_expecting(path, true, everyone, bulk::OpenStatus::ok).empty());
}

TEST_CASE("journal: closed, it refuses to write and to sync") {
    bulk::Journal journal;
    CHECK_FALSE(journal.append(people(1)[0], bulk::State::sent, "", ""));
    CHECK_FALSE(journal.sync());
}

// ---- the people file -------------------------------------------------------------------------

namespace {

bulk::PeopleFile read(const std::string& text, const bulk::ColumnNames& names = {}) {
    bulk::PeopleFile file;
    std::string error;
    const bool read = bulk::read_people(text, names, file, error);
    CHECK(read == (file.problem == bulk::ReadProblem::none));
    CHECK(read == error.empty());
    return file;
}

std::vector<std::string> emails(const bulk::PeopleFile& file) {
    std::vector<std::string> out;
    for (const bulk::Person& person : file.people) out.push_back(person.email);
    return out;
}

}  // namespace

TEST_CASE("people: the delimiter is found from the header, or given") {
    const std::vector<std::string> two = {"a@x.example", "b@x.example"};
    const auto comma = read("name,email\nA,a@x.example\nB,b@x.example\n");
    CHECK(comma.delimiter == ',');
    CHECK(emails(comma) == two);
    const auto semicolon = read("\"Last, First\";E-Mail Address\r\nA;a@x.example\r\nB;b@x.example");
    CHECK(semicolon.delimiter == ';');
    CHECK(emails(semicolon) == two);
    const auto tab = read("\xEF\xBB\xBFName\tEmail\nA, B\ta@x.example\nC\tb@x.example\n");
    CHECK(tab.delimiter == '\t');
    CHECK(emails(tab) == two);
    // No header: the one most frequent outside quotes on the first line.
    const auto headerless = read("a@x.example;\"p;q@y\"\nb@x.example;\n");
    CHECK(headerless.delimiter == ';');
    CHECK(emails(headerless) == two);
    CHECK(headerless.people[0].personal_email == std::optional<std::string>("p;q@y"));
    CHECK(read("a@x.example\nb@x.example\n").delimiter == ',');
    // Given: used as it is.
    bulk::ColumnNames given;
    given.delimiter = ';';
    const auto forced = read("email,name\na@x.example,A\n", given);
    CHECK(forced.problem == bulk::ReadProblem::no_email_column);
    CHECK(emails(read("email;name\na@x.example;A\n", given)) ==
          std::vector<std::string>{"a@x.example"});
}

TEST_CASE("people: the first record is a person only with --no-header or an '@' in it") {
    const auto headerless = read(" , a@x.example ,p@y.example\n");
    CHECK_FALSE(headerless.had_header);
    CHECK(headerless.people.size() == 1);
    CHECK(headerless.people[0].problem.empty() == false);  // three fields and no header

    const auto plain = read("a@x.example,p@y.example\nb@x.example\n");
    CHECK_FALSE(plain.had_header);
    REQUIRE(plain.people.size() == 2);
    CHECK(plain.people[0].row == 1);
    CHECK(plain.people[0].personal_email == std::optional<std::string>("p@y.example"));

    bulk::ColumnNames no_header;
    no_header.no_header = true;
    const auto forced = read("email\na@x.example\n", no_header);
    CHECK_FALSE(forced.had_header);
    CHECK(emails(forced) == std::vector<std::string>{"email", "a@x.example"});

    const auto header = read("Email,Personal Email,Team\na@x.example,,T\n");
    CHECK(header.had_header);
    CHECK(header.ignored_columns == std::vector<std::string>{"Team"});
    REQUIRE(header.people.size() == 1);
    CHECK(header.people[0].row == 2);
    CHECK_FALSE(header.people[0].personal_email.has_value());
}

TEST_CASE("people: a header naming no email column, or a missing named column, fails by kind") {
    bulk::PeopleFile file;
    std::string error;
    CHECK_FALSE(
        bulk::read_people("Work Email,Manager Email\na@x.example,b@x.example\n", {}, file, error));
    CHECK(file.problem == bulk::ReadProblem::no_email_column);
    CHECK(contains(error, "\"Work Email\", \"Manager Email\""));
    CHECK(std::string(bulk::to_string(file.problem)) == "no_email_column");

    bulk::ColumnNames names;
    names.email = "Work Email";
    const auto named = read("Work Email,Manager Email\na@x.example,b@x.example\n", names);
    CHECK(emails(named) == std::vector<std::string>{"a@x.example"});

    names.email = "Mail";
    CHECK(read("Work Email,Manager Email\na@x.example,b@x.example\n", names).problem ==
          bulk::ReadProblem::column_not_found);
    // Named, the first record is the header even if it holds an '@'.
    CHECK(read("a@x.example\nb@x.example\n", names).problem == bulk::ReadProblem::column_not_found);
    bulk::ColumnNames personal;
    personal.personal_email = "Home";
    CHECK(read("email,private\na@x.example,p@y\n", personal).problem ==
          bulk::ReadProblem::column_not_found);
    CHECK(read("a@x.example,p@y\n", personal).problem == bulk::ReadProblem::no_email_column);
    // A control byte in a header is shown escaped.
    bulk::PeopleFile odd;
    CHECK_FALSE(bulk::read_people("na\x1bme,x\n", {}, odd, error));
    CHECK(contains(error, "\"na\\x1bme\""));
}

TEST_CASE("people: no person at all is a failure, and so is text libcsv cannot read") {
    for (const std::string& text :
         {std::string(""), std::string("\xEF\xBB\xBF"), std::string("\n\n"),
          std::string(",,\n ,\n"), std::string("email,name\n"), std::string("email\n,\n")}) {
        CHECK(read(text).problem == bulk::ReadProblem::empty);
    }
    bulk::PeopleFile file;
    std::string error;
    CHECK_FALSE(bulk::read_people("email\na@x.example\n\"b@x.example\n", {}, file, error));
    CHECK(file.problem == bulk::ReadProblem::not_csv);
    CHECK_FALSE(bulk::read_people("email\na@x\"y.example\n", {}, file, error));
    CHECK(file.problem == bulk::ReadProblem::not_csv);
    CHECK(contains(error, "line 2"));
    // Excel's "Unicode Text": UTF-16 with its byte order mark.
    CHECK(read(std::string("\xFF\xFE"
                           "e\0m\0a\0i\0l\0\n\0",
                           14))
              .problem == bulk::ReadProblem::not_csv);
}

TEST_CASE("people: exact repeats are duplicates; spellings that differ in case are grouped") {
    const auto file = read(
        "email\nAnn@x.example\nann@x.example\nbob@x.example\nANN@X.EXAMPLE\nAnn@x.example\n"
        "bob@x.example\nCarl@x.example\n\"  carl@x.example \"\n");
    REQUIRE(file.people.size() == 8);
    std::map<long, const bulk::Person*> by_row;
    for (const bulk::Person& person : file.people) by_row[person.row] = &person;
    CHECK(by_row.at(6)->duplicate_of == 2);
    CHECK(by_row.at(7)->duplicate_of == 4);
    CHECK(by_row.at(3)->duplicate_of == 0);
    CHECK(by_row.at(5)->duplicate_of == 0);
    REQUIRE(file.case_variants.size() == 2);
    CHECK(file.case_variants[0] == std::vector<long>{2, 3, 5});
    CHECK(file.case_variants[1] == std::vector<long>{8, 9});
    for (const long row : {2L, 3L, 5L, 6L}) CHECK(by_row.at(row)->case_group == 0);
    for (const long row : {8L, 9L}) CHECK(by_row.at(row)->case_group == 1);
    // bob is repeated exactly only: a duplicate, not a case group.
    CHECK(by_row.at(4)->case_group == -1);
    CHECK(by_row.at(7)->case_group == -1);
    // Only ASCII letters fold: these are two addresses, not one.
    CHECK(read("email\n\xC3\x89@x.example\n\xC3\xA9@x.example\n").case_variants.empty());
}

// ---- the people file on disk, and the summary -------------------------------------------------

TEST_CASE("people file: a file is read whole, a directory or a missing file is an error") {
    TempDir dir;
    const std::string path = dir / "people.csv";
    const std::string text = "email\n" + std::string(70000, 'a') + "@example.com\n";
    write_file(path, text);
    std::string read;
    std::string error;
    CHECK(bulk::read_people_file(path, read, error));
    CHECK(read == text);
    std::string none;
    CHECK_FALSE(bulk::read_people_file(dir.path, none, error));
    CHECK(error == "it is a directory");
    CHECK_FALSE(bulk::read_people_file(dir / "missing.csv", none, error));
    CHECK(contains(error, "cannot open it"));
}

TEST_CASE("people file: a second lock on it, even from this process, names the holder") {
    TempDir dir;
    const std::string path = dir / "people.csv";
    write_file(path, "email\na@example.com\n");
    CHECK(bulk::lock_people_file(path) == 0);
    CHECK(bulk::lock_people_file(path) == static_cast<long>(::getpid()));
    CHECK(bulk::lock_people_file(dir / "missing.csv") == 0);  // reading it will say why
}

TEST_CASE("summary: the exit status is the whole file's, unknown first, then not sent") {
    TempDir dir;
    bulk::PeopleFile file;
    file.people = people(4);
    bulk::Journal journal;
    std::string error;
    REQUIRE(journal.open(dir / "results.csv", false, file.people, error) == bulk::OpenStatus::ok);
    const auto summary = [&] { return bulk::summarize(file, journal, dir / "report.csv", false); };
    CHECK(summary() == bulk::some_not_sent);  // never tried counts as not sent
    for (const bulk::Person& person : file.people) {
        REQUIRE(journal.append(person, bulk::State::sent, "sent", ""));
    }
    CHECK(summary() == bulk::all_sent);
    REQUIRE(journal.append(file.people[0], bulk::State::refused, "no_such_user", ""));
    CHECK(summary() == bulk::some_refused);
    REQUIRE(journal.append(file.people[1], bulk::State::not_sent, "rate_limited", ""));
    CHECK(summary() == bulk::some_not_sent);
    REQUIRE(journal.append(file.people[2], bulk::State::sending, "sending", ""));
    CHECK(summary() == bulk::some_unknown);
}

TEST_CASE("summary: the first ten rows of a kind are named, the rest counted") {
    CHECK(bulk::first_rows({2}) == "2");
    CHECK(bulk::first_rows({2, 5, 9}) == "2, 5, 9");
    CHECK(bulk::first_rows({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) ==
          "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more");
}
