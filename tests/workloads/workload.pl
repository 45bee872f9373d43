# workload.pl - the Perl script of the perl workload (tests/workloads/perl.sh).
use strict;
use warnings;

my $path = shift @ARGV;
open(my $in, '<', $path) or die "open $path: $!";
my (%freq, $lines, $chars);
while (my $line = <$in>) {
    chomp $line;
    $lines++;
    $chars += length $line;
    $freq{$_}++ for ($line =~ /([a-z]+)/g);
}
close $in;
print "lines $lines chars $chars\n";
for my $w ((sort { $freq{$b} <=> $freq{$a} || $a cmp $b } keys %freq)[0 .. 4]) {
    printf "%-8s %5d\n", $w, $freq{$w};
}

# regular expressions: captures, substitution with an expression, tr, split/join
my $s = "The quick brown fox jumps over the lazy dog";
(my $t = $s) =~ s/(\w+)/\u\L$1/g;
print "$t\n";
my @m = $s =~ /\b(\w)(\w*)\b/g;
print scalar(@m), " captures, last '$m[-1]'\n";
(my $u = $s) =~ tr/a-z/A-Z/;
print join("|", reverse split / /, $u), "\n";
print "match\n" if $s =~ /^The\s+(?<adj>\w+)/ and $+{adj} eq 'quick';

# numbers and formatting
printf "%d %s %.3f %e %x %o %b\n", 7 / 2, 7 / 2, atan2(1, 1) * 4, 1234.5, 255, 8, 10;
print 2**40, " ", -7 % 3, " ", int(-7 / 2), " ", 10 <=> 9, " ", "10" == 10.0 ? "eq" : "ne", "\n";
my $sum = 0;
$sum += 1 / $_ for 1 .. 100000;
printf "harmonic %.10f\n", $sum;

# data structures, closures, sort, local
my %tree = (a => [1, 2, { b => 'deep' }], c => { d => [3, 4] });
print "$tree{a}[2]{b} @{$tree{c}{d}}\n";
my @counters = map { my $n = $_; sub { $n += shift } } 1 .. 3;
$_->(10) for @counters;
print join(",", map { $_->(0) } @counters), "\n";
my @sorted = sort { $a->[1] <=> $b->[1] or $a->[0] cmp $b->[0] } map { [$_, length $_] } qw(pear fig apple kiwi date);
print join(" ", map { $_->[0] } @sorted), "\n";

# pack/unpack, sprintf vectors, string repetition
my $packed = pack("NnC a4 Z*", 0xdeadbeef, 513, 7, "abcd", "zed");
print join(" ", unpack("H*", $packed)), "\n";
print join(":", unpack("NnC a4 Z*", $packed)), "\n";
printf "%vd %s\n", "1.22.333", "-" x 10;

# files: write, append, read back, unlink
open(my $out, '>', 'perl-out.txt') or die;
print $out "line $_\n" for 1 .. 5;
close $out;
open($out, '>>', 'perl-out.txt') or die;
print $out "appended\n";
close $out;
open($in, '<', 'perl-out.txt') or die;
my @all = <$in>;
close $in;
print "read back ", scalar(@all), " lines, last: $all[-1]";
unlink 'perl-out.txt' or die;
print -e 'perl-out.txt' ? "still there\n" : "removed\n";

# eval/die and warn
eval { die { code => 17 } };
print "caught code $@->{code}\n";
warn "a warning\n";
exit 6;
