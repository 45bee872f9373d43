# workload.mk - the Makefile of the make workload (tests/workloads/make.sh): recipes run by the
# sysroot's /bin/sh (dash), $(shell ...), pattern rules, automatic variables, a static library of
# text "objects", -j2 and i386 programs from the sysroot (gawk, gzip, tar, ls, sort, wc) called
# through PATH.  Every recipe is silent and writes files: a -j2 run prints nothing, so output
# order does not depend on scheduling; `make report` prints the results in a fixed order.
SRCS  := $(sort $(wildcard src/*.txt))
WORDS := $(SRCS:src/%.txt=build/%.words)
GZS   := $(SRCS:src/%.txt=build/%.txt.gz)
NSRC  := $(shell ls src | wc -l)
UNAME := $(shell echo made-by-shell | tr a-z A-Z)

all: build/all.tar build/summary

build:
	@mkdir -p $@

build/%.words: src/%.txt | build
	@gawk '{ for (i = 2; i <= NF; i++) n[$$i]++ } END { for (w in n) print w, n[w] }' $< | sort > $@

build/%.txt.gz: src/%.txt | build
	@gzip -9 -n -c $< > $@

build/summary: $(WORDS)
	@cat $^ | gawk '{ t[$$1] += $$2 } END { for (w in t) printf "%-8s %d\n", w, t[w] }' | sort > $@

build/all.tar: $(GZS) build/summary
	@tar --numeric-owner --sort=name --mtime=2020-01-01 -cf $@ $^

report: all
	@echo "sources: $(NSRC) shell: $(UNAME)"
	@echo "first prerequisite of all: $(firstword $(SRCS)) stem test: $(patsubst src/%.txt,%,$(lastword $(SRCS)))"
	@cat build/summary
	@tar -tf build/all.tar
	@for f in $(GZS); do gzip -dc $$f | wc -l; done | sort -n | uniq -c
	@ls -1 build | wc -l

fail:
	@echo "about to fail"; exit 3

.PHONY: all report fail
