// The console's compiled-in resources (icons, style sheet): call init() once before using them.
#pragma once

namespace skillex::resources {

// A static library's resources are dropped by the linker unless something references them;
// this function is that reference. Safe to call more than once.
void init();

} // namespace skillex::resources
