#pragma once
// umockdev emulates USB devices by intercepting the process's file and ioctl calls, which needs
// its library preloaded before the process starts. A test case that needs it calls
// run_in_umockdev_child() first: in the test process (as ctest starts it) that runs the same
// test case again in a child under umockdev-wrapper and checks the child passed; in the child it
// returns false and the test case does the real work.

namespace scanner_test {

// True in the parent, once the child has run (its failures are reported through Catch).
bool run_in_umockdev_child();

}  // namespace scanner_test
