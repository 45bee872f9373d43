# perl: Debian's perl (perl-base, dynamic) running a script with hashes, regular expressions,
# sprintf, sort, pack/unpack, closures, local files, and a die with its exit status.
gen_text 31 2000 > text
guest perl "$WORKLOAD_DIR/workload.pl" text
echo "perl status: $?"
guest perl -e 'die "deliberate\n"'
echo "perl die status: $?"
