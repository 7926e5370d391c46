#!/usr/bin/env python3
"""The event walk's AVX kernels share no AVX code with the rest of rolesel.

engine/rolesel/event/kernel_haswell.cc and kernel_icelake.cc compile the
walk inside AVX2 and AVX-512 target regions (event_kernel.h). A function
such an object shares with other objects (a weak or unique symbol: inline
functions and template instantiations, which the linker keeps one copy of
for the whole program) must be baseline x86-64 code unless it belongs to
the kernel (its name holds the kernel's namespace, rolesel::event::K or
simdjson::K, or one of their types): otherwise a CPU without AVX could run
the kernel's copy outside any kernel. kernel_prelude.h is what keeps them
baseline; this checks the objects the linker takes, from the library.

Also checked, so that the check cannot pass by seeing nothing: the kernel's
own functions do use AVX instructions, and shared functions were found.

With --unoptimized (a Debug build, -O0), the kernels are compiled out
(kernel_x86.h says why): an object without the kernel's functions is then
what is expected, and said so.

  kernel_symbols_test.py --archive librolesel.a [--nm NM] [--objdump OBJDUMP] [--ar AR]
                         [--unoptimized]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

KERNELS = ("haswell", "icelake")
# Instructions beyond x86-64's baseline that the kernels' target options
# allow: every VEX/EVEX encoding starts with "v"; BMI1/2, LZCNT, POPCNT,
# PCLMULQDQ; AVX-512 mask registers.
NON_BASELINE = {
    "andn", "bextr", "blsi", "blsmsk", "blsr", "tzcnt", "lzcnt", "popcnt", "bzhi", "mulx",
    "pdep", "pext", "rorx", "sarx", "shlx", "shrx", "pclmulqdq", "pshufb", "pblendvb",
    "ptest", "pcmpestri", "pcmpistri", "pminub", "pmaxub",
}
PREFIXES = {"rep", "repz", "repnz", "repe", "repne", "lock", "notrack", "bnd", "data16", "cs", "ds"}


def non_baseline(line):
    parts = line.split("\t")
    if len(parts) < 2:
        return False
    words = parts[1].split()
    while words and words[0] in PREFIXES:
        words = words[1:]
    if not words:
        return False
    mnemonic = words[0]
    if mnemonic.startswith("v") and mnemonic not in ("verr", "verw"):
        return True
    if mnemonic.startswith("k") and mnemonic[:4] in ("kmov", "kand", "kort", "kxor", "knot", "kshi", "kunp", "kadd", "ktes"):
        return True
    return mnemonic in NON_BASELINE or re.search(r"%[yz]mm|%k[0-7]\b", parts[1]) is not None


def functions(objdump, obj):
    """mangled name -> its instruction lines."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn", obj], check=True,
                         capture_output=True, text=True).stdout
    result, current = {}, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if m:
            current = m.group(1)
            result.setdefault(current, [])
        elif current is not None and re.match(r"^\s+[0-9a-f]+:\t", line):
            result[current].append(line.strip())
    return result


def shared_symbols(nm, obj):
    out = subprocess.run([nm, "--defined-only", obj], check=True, capture_output=True,
                         text=True).stdout
    return {parts[2] for parts in (l.split() for l in out.splitlines())
            if len(parts) == 3 and parts[1] in ("W", "V", "u")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", required=True)
    parser.add_argument("--nm", default="nm")
    parser.add_argument("--objdump", default="objdump")
    parser.add_argument("--ar", default="ar")
    parser.add_argument("--unoptimized", action="store_true")
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.ar, "x", os.path.abspath(args.archive)], cwd=tmp, check=True)
        for kernel in KERNELS:
            objects = [f for f in os.listdir(tmp) if f.startswith(f"kernel_{kernel}.")]
            if len(objects) != 1:
                problems.append(f"kernel_{kernel}: {len(objects)} objects in the archive, not 1")
                continue
            obj = os.path.join(tmp, objects[0])
            own = f"{len(kernel)}{kernel}"  # the namespace in mangled names
            code = functions(args.objdump, obj)
            shared = shared_symbols(args.nm, obj)
            if args.unoptimized and not any(own in name for name in code):
                print(f"kernel_{kernel}: compiled out (unoptimized build), nothing to check")
                continue
            kernel_avx = sum(1 for name, lines in code.items() if own in name
                             for l in lines if non_baseline(l))
            checked = 0
            for name, lines in sorted(code.items()):
                if name not in shared or own in name:
                    continue
                checked += 1
                bad = [l for l in lines if non_baseline(l)]
                if bad:
                    problems.append(f"kernel_{kernel}: shared function {name} holds {len(bad)} "
                                    f"non-baseline instructions, e.g. {bad[0]}")
            print(f"kernel_{kernel}: {len(code)} functions, {checked} shared with other objects "
                  f"checked, {kernel_avx} AVX/BMI instructions in the kernel's own")
            if kernel_avx == 0:
                problems.append(f"kernel_{kernel}: no AVX instruction in the kernel's own "
                                "functions: the target region did not take")
            if checked == 0:
                problems.append(f"kernel_{kernel}: no shared function found: nothing was checked")
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
