// StringTable: interns the names rules mention (groups, users, path
// segments) as small integer ids, and finds the id of a name from a request.
//
// Built at compile time with Intern(); deciding only calls Find(), once per
// caller group or path segment, so Find() is what is tuned: open addressing
// over a power-of-two slot array kept at most half full, a hash over all of
// the name's bytes eight at a time (a few multiplications for the short
// names rules use, where a general-purpose string hash costs several times
// that), and a 32-bit tag per slot so that a mismatch rarely compares bytes.
// The table's contents come from the rules file, not from requests; a
// request's name is one lookup whose probe length is set by the table alone.
//
// Not synchronized: intern everything before sharing; const access (Find) is
// then thread-safe. Find allocates nothing.
#ifndef ROLESEL_COMPILE_STRING_TABLE_H_
#define ROLESEL_COMPILE_STRING_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rolesel {

class StringTable {
 public:
  // The id of `name`, adding it when new; ids are 0, 1, 2... in the order
  // names were first interned.
  int Intern(std::string_view name);
  // The id of `name`, or -1 when it was never interned.
  int Find(std::string_view name) const;

  size_t size() const { return spans_.size(); }
  bool empty() const { return spans_.empty(); }
  std::string_view name(int id) const {
    const Span& span = spans_[static_cast<size_t>(id)];
    return std::string_view(bytes_.data() + span.offset, span.size);
  }

 private:
  // Where a name's bytes are in bytes_ (offsets stay valid as it grows).
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
  };
  // The span is kept in the slot too, so that a lookup reads the slot and
  // then the bytes, with no hop through the by-id array.
  struct Slot {
    uint32_t tag = 0;  // the hash's high half
    int32_t id = -1;   // -1: empty
    Span span;
  };
  static inline uint64_t Hash(std::string_view name);
  void Place(uint64_t hash, int32_t id);
  void Grow();

  std::string bytes_;        // every name, one after another
  std::vector<Span> spans_;  // by id
  std::vector<Slot> slots_;  // size a power of two, at most half full
};

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_STRING_TABLE_H_
