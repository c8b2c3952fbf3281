// A second copy of the definitions: linking it next to implementation.cpp must fail.
#include "implementation.cpp"
