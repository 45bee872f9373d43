# make: GNU make driving workload.mk (pattern rules, $(shell ...), order-only prerequisites,
# -j2 parallel jobs, recipes through /bin/sh calling the sysroot's gawk, gzip, tar, ls, sort
# and wc via PATH), make -n, a failing recipe (exit status 2), and an up-to-date second run.
# Natively, recipes run in the host's /bin/sh (dash 0.5.12, the same version as the
# sysroot's) and i386 children get the sysroot's libraries through LD_LIBRARY_PATH.
export PATH=$ROOT/usr/bin:$ROOT/bin:$PATH LD_LIBRARY_PATH=$GUEST_LIBPATH
mkdir -p src
for i in 1 2 3 4 5 6; do gen_text $i 300 > src/part$i.txt; done
cp "$WORKLOAD_DIR/workload.mk" Makefile
guest make -j2 all; echo "make -j2 status: $?"
guest make report; echo "make report status: $?"
guest make -j2 all; echo "make up-to-date status: $?"
touch -d '2000-01-01' src/part3.txt build/part3.words; touch src/part3.txt
guest make -n all; echo "make -n status: $?"
guest make fail; echo "make fail status: $?"
guest make --no-print-directory -C build -f ../Makefile nosuchtarget; echo "make no target status: $?"
