// The baseline tools/bench measures beside library_program: the same job by hand (by_hand.hpp).
#include "by_hand.hpp"

int main(int argc, char** argv) { return by_hand(argc, argv); }
