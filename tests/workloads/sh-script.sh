# sh-script: a #! /bin/sh script started as the program itself (under loongbt: -L makes /bin/sh
# the sysroot's dash, run under loongbt; natively the kernel runs the host's /bin/sh, dash 0.5.12
# like the sysroot's), calling gawk, sort, cut, gzip, tar, ls, tr, sed, cmp from the sysroot
# through PATH and a nested #! script (executed by the guest: execve of a script).
export PATH=$ROOT/usr/bin:$ROOT/bin:$PATH LD_LIBRARY_PATH=$GUEST_LIBPATH
gen_text 17 500 > text
cp "$WORKLOAD_DIR/sh-script.ash" script.sh
printf '#!/bin/sh\necho "inner: $# args: $*"; echo "inner sees $(echo "$2" | wc -w) words in \\$2"\nexit 7\n' > inner.sh
chmod +x script.sh inner.sh
guest_script ./script.sh text extra; echo "script status: $?"
guest dash script.sh text; echo "dash script.sh status: $?"
