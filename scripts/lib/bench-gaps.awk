# Cuts collector outages into ebill-meter-sim history CSV (scripts/bench-api):
# on about 8 % of (meter, day) pairs 1-10 hours from a random hour, on about
# 1.5 % the whole day (consecutive ones make multi-day gaps). Deterministic
# for -v seed=N.
BEGIN { FS = OFS = ","; srand(seed) }
NR == 1 { print; next }
{
  key = $1 substr($2, 1, 10)
  if (!(key in plan)) {
    r = rand()
    if (r < 0.08) { s = int(rand() * 24); plan[key] = s ":" (s + 1 + int(rand() * 10)) }
    else if (r < 0.095) plan[key] = "0:24"
    else plan[key] = ""
  }
  if (plan[key] != "") {
    split(plan[key], a, ":")
    h = substr($2, 12, 2) + 0
    if (h >= a[1] && h < a[2]) next
  }
  print
}
