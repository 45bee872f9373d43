# wordfreq.awk - gawk / busybox awk workload of the make ab benchmark set: word frequencies,
# field arithmetic (doubles) and string functions over the generated text.
# Usage: awk -f wordfreq.awk TEXTFILE
{
    for (i = 1; i <= NF; i++) {
        count[$i]++
        len += length($i)
    }
    if ($1 ~ /^[0-9]+$/)
        num += $1 / 3.0
    upper += length(toupper(substr($0, 1, 20)))
}
END {
    distinct = 0
    best = ""
    for (w in count) {
        distinct++
        if (count[w] > count[best] || (count[w] == count[best] && w < best))
            best = w
    }
    printf "awk lines=%d distinct=%d len=%d num=%.3f upper=%d best=%s %d\n", NR, distinct, len, num, upper, best, count[best]
}
