# gnuplot: gnuplot-nox running workload.gp (maths functions, stats on a data file, dumb-terminal
# plots on stdout, an svg file summarised by checksum and element counts), then a script error.
# gnuplot reads $HOME/.gnuplot and writes $HOME history: HOME is the scratch folder.
export HOME=$PWD
awk 'BEGIN { for (i = 0; i <= 40; i++) { x = i / 4.0; printf "%.2f %.6f\n", x, sin(x) * exp(-x / 5.0) + (i % 3 - 1) * 0.02 } }' > data.txt
guest gnuplot-nox "$WORKLOAD_DIR/workload.gp"; echo "gnuplot status: $?"
echo "svg: $(sum plot.svg), $(grep -c '<path' plot.svg) paths, $(grep -c '<text' plot.svg) texts"
echo 'plot nosuchfunction(x)' > bad.gp
guest gnuplot-nox bad.gp; echo "gnuplot error status: $?"
