# bench.pl - perl workload of the make ab benchmark set: reads the generated text, counts words
# in a hash, applies a few regex rewrites per line and prints the commonest words.
# Usage: perl bench.pl TEXTFILE      (the generator sizes the file; about 1 s natively)
use strict;
use warnings;
my (%count, $lines, $digits);
while (my $line = <>) {
    $lines++;
    $digits += () = $line =~ /\d/g;
    (my $t = $line) =~ s/([aeiou])([a-z])/$2$1/g;
    $count{$_}++ for split /\s+/, lc $t;
}
my @top = (sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count)[0 .. 9];
printf "perl lines=%d digits=%d distinct=%d\n", $lines, $digits, scalar keys %count;
printf "%s %d\n", $_, $count{$_} for grep { defined } @top;
