# loongbt top-level Makefile.
#   make                 build build/<host>/loongbt-i386 (HOST defaults to this machine)
#   make CONFIG_X=n      build a variant in its own folder, e.g. build/x86_64-no_tb_chain
#   make check           unit tests + guest suite in every chaining configuration
#   make bench           native vs loongbt vs qemu-i386 on the benchmark set (report, chart)
#   make ab A=.. B=..    two builds against each other (times, ratios, counters; scripts/ab.py)
#   make deps            install every tool and package a fresh Debian 12 machine needs
#   make install         loongbt-i386, docs and binfmt.sh under PREFIX (/usr/local), DESTDIR
# Switches live in configs.mk (one list); they land in $(BUILD)/config-host.h.

SHELL := /bin/bash
HOST ?= $(shell uname -m)
include configs.mk
# Values may carry trailing blanks from the comments in configs.mk.
$(foreach v,$(CONFIG_VARS),$(eval override $(v) := $(strip $($(v)))))

lc = $(shell echo '$(1)' | tr A-Z a-z)
config_default = $(shell sed -n 's/^$(1)[ ]*?=[ ]*\([yn]\).*/\1/p' configs.mk)
# Folder suffix: one part per switch that differs from its default, joined without blanks
# (build/x86_64-no_tb_chain-profile).
empty :=
VARIANT := $(subst $(empty) $(empty),,$(strip $(foreach v,$(CONFIG_VARS),$(if $(filter-out $(call config_default,$(v)),$($(v))),$(if $(filter n,$($(v))),-no_,-)$(call lc,$(patsubst CONFIG_%,%,$(v)))))))
BUILD := build/$(HOST)$(VARIANT)
# Back-end folder per host (tcg/<backend>/ holds the same file set for every host).
TCG_BACKEND_x86_64 := x86_64
TCG_BACKEND_loongarch64 := loongarch
TCG_BACKEND_mips64el := mips
TCG_DIR := tcg/$(or $(TCG_BACKEND_$(HOST)),$(HOST))
LOONGBT := $(BUILD)/loongbt-i386

# ---- host toolchain ----
ifeq ($(HOST),$(shell uname -m))
  CC ?= cc
  PKG_CONFIG ?= pkg-config
else ifeq ($(HOST),loongarch64)
  LAROOT ?= $(CURDIR)/sysroots/loongarch64
  CC := clang-19 --target=loongarch64-linux-gnu --sysroot=$(LAROOT)
  LDFLAGS += -fuse-ld=lld
  PKG_CONFIG := false
  OBJCOPY := llvm-objcopy-19
  # Run LoongArch binaries on this machine: Debian 13's qemu-loongarch64 (scripts/setup-loongarch.sh).
  HOST_RUNNER := $(CURDIR)/sysroots/qemu-trixie/usr/bin/qemu-loongarch64 -L $(LAROOT)/usr/loongarch64-linux-gnu
else ifeq ($(HOST),mips64el)
  MIPSROOT ?= /usr/mips64el-linux-gnuabi64
  CC := mips64el-linux-gnuabi64-gcc
  PKG_CONFIG := false
  # Run MIPS binaries on this machine: Debian 12's qemu-mips64el (qemu-user, scripts/deps.sh).
  HOST_RUNNER := qemu-mips64el -L $(MIPSROOT)
  # No mips64el libpfm4 in the cross set-up yet (its header is found, the library is not).
  override CONFIG_LIBPFM := n
  # Debian 12's gcc 12 vectorises the 16-bit multiply-high lanes of sse_helper.c (pmulhw) into
  # one 64-bit dmult + mfhi, which is wrong: no vectoriser on this host.
  HOST_CFLAGS := -fno-tree-vectorize
endif

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
          -fno-strict-aliasing -D_GNU_SOURCE -MMD -MP
CFLAGS += $(HOST_CFLAGS)
CPPFLAGS += -I$(BUILD) -I. -Itcg -I$(TCG_DIR) -Itarget-i386 -Ilinux-user -Ilinux-user/host/$(HOST) -Ihwassist -Ifpu
LDLIBS += -lm -lpthread

# Optional libraries found with pkg-config; a switch whose library is missing turns itself off.
ifeq ($(CONFIG_CAPSTONE),y)
  ifeq ($(shell $(PKG_CONFIG) --exists capstone 2>/dev/null && echo yes),yes)
    CPPFLAGS += $(shell $(PKG_CONFIG) --cflags capstone)
    LDLIBS += $(shell $(PKG_CONFIG) --libs capstone)
  else
    $(info loongbt: capstone not found for $(HOST): -d in_asm/out_asm use the built-in disassemblers)
    override CONFIG_CAPSTONE := n
  endif
endif
# libpfm4 has no pkg-config file in Debian: look for its header with the host compiler.
ifeq ($(CONFIG_LIBPFM),y)
  ifeq ($(shell printf '\043include <perfmon/pfmlib_perf_event.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 && echo yes),yes)
    LDLIBS += -lpfm
  else
    $(info loongbt: libpfm4 not found for $(HOST): hardware counter profiling is off)
    override CONFIG_LIBPFM := n
  endif
endif

SRCS := log.c exec.c cpu-exec.c translate-all.c profile.c disas.c disas-i386.c \
        tcg/tcg.c tcg/tcg-op.c tcg/optimize.c $(TCG_DIR)/tcg-target-disas.c \
        $(wildcard target-i386/*.c) $(wildcard hwassist/*.c) $(wildcard fpu/*.c) \
        $(filter-out linux-user/main.c,$(wildcard linux-user/*.c))
# perf integration: perf map / jitdump output and libpfm4 counters
SRCS += perfmap.c pmu.c
OBJS := $(SRCS:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/linux-user/main.o

.PHONY: all deps demo check check-unit check-guest bench ab fuzz clean help install
all: $(LOONGBT)

$(LOONGBT): $(OBJS) $(MAIN_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# A cross-built loongbt runs here under its host emulator: LOONGBT_RUN is the command the tests
# use (a wrapper script for cross hosts, the binary itself otherwise).
ifneq ($(HOST_RUNNER),)
LOONGBT_RUN := $(BUILD)/loongbt-i386.run
all: $(LOONGBT_RUN)
$(LOONGBT_RUN): $(LOONGBT)
	@printf '#!/bin/sh\n# run the %s build of loongbt under its host emulator (LOONGBT_REEXEC: how a guest execve\n# of an i386 program starts loongbt again)\nexport LOONGBT_REEXEC=%s\nexec %s %s "$$@"\n' \
	  '$(HOST)' '$(CURDIR)/$(LOONGBT_RUN)' '$(HOST_RUNNER)' '$(CURDIR)/$(LOONGBT)' > $@ && chmod +x $@
else
LOONGBT_RUN := $(LOONGBT)
endif

$(BUILD)/obj/%.o: %.c $(BUILD)/config-host.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# config-host.h is rewritten only when its content changes (no needless rebuilds).
$(BUILD)/config-host.h: FORCE
	@mkdir -p $(BUILD)
	@{ echo '/* generated from configs.mk by the Makefile: do not edit */'; \
	   $(foreach v,$(CONFIG_VARS),echo '#define $(v) $(if $(filter y,$($(v))),1,0)';) \
	   echo '#define CONFIG_LIST(X) \'; \
	   $(foreach v,$(CONFIG_VARS),echo '    X($(patsubst CONFIG_%,%,$(v)), $(if $(filter y,$($(v))),1,0)) \';) \
	   echo ''; \
	   echo '#define LOONGBT_HOST "$(HOST)"'; \
	   echo '#define LOONGBT_BUILD_DIR "$(BUILD)"'; } > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp
FORCE:

-include $(OBJS:.o=.d) $(MAIN_OBJ:.o=.d)

# ---- tests ----
include tests/Makefile.inc

deps:
	bash scripts/deps.sh
	bash scripts/fetch-i386-sysroot.sh
	bash scripts/setup-loongarch.sh

# The README's first command: build loongbt and a demo guest, run it natively and translated.
# A fresh make (re-reading this file) does the work, so in `make deps demo` the optional
# libraries that deps has just installed (capstone) are found: this make looked before.
demo:
	@$(MAKE) --no-print-directory demo-run
.PHONY: demo-run
demo-run: $(LOONGBT) tests/guest/bin/demo
	@echo "== native i386 ==" && tests/guest/bin/demo
	@echo "== loongbt-i386 ($(LOONGBT)) ==" && $(LOONGBT) tests/guest/bin/demo

# On the board: loongbt-i386 in $(PREFIX)/bin, README and the binfmt script in share/;
# `$(PREFIX)/share/loongbt/binfmt.sh register --ld-prefix DIR` then runs i386 programs directly.
PREFIX ?= /usr/local
DESTDIR ?=
install: $(LOONGBT)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/doc/loongbt $(DESTDIR)$(PREFIX)/share/loongbt
	install -m 755 $(LOONGBT) $(DESTDIR)$(PREFIX)/bin/loongbt-i386
	install -m 644 README.md $(DESTDIR)$(PREFIX)/share/doc/loongbt/README.md
	install -m 755 scripts/binfmt.sh $(DESTDIR)$(PREFIX)/share/loongbt/binfmt.sh

clean:
	rm -rf build

help:
	@sed -n '2,9p' Makefile
