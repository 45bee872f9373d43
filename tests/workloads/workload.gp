# workload.gp - the gnuplot script of tests/workloads/gnuplot.sh: functions, a data file, stats,
# a dumb-terminal plot on stdout and an svg file (no fonts needed by either terminal).
set print "-"
f(x) = sin(x) * exp(-x / 5.0)
print sprintf("f(1)=%.12g f(2.5)=%.12g", f(1), f(2.5))
print sprintf("gamma(4.5)=%.12g besj0(3)=%.12g erf(0.5)=%.12g", gamma(4.5), besj0(3), erf(0.5))
stats "data.txt" using 1:2 nooutput
print sprintf("stats: n=%d mean_y=%.10g stddev_y=%.10g max_y=%.10g", STATS_records, STATS_mean_y, STATS_stddev_y, STATS_max_y)
set term dumb size 79,24
set title "damped sine"
plot [0:10] f(x) title "f", "data.txt" using 1:2 with points pt "*" title "data"
set term svg size 400,300 fixed
set output "plot.svg"
set xrange [0:10]
plot f(x) with lines, "data.txt" using 1:2 with points
unset output
set term dumb size 60,15
set logscale y
plot [1:100] x**2 notitle
