// Writes a large virtual agency export for benchmarks and crash tests:
// realistic French text (accents, quoted fields holding ';', '""' and line
// breaks), one request a minute or so from a start date, unique numbers.
//
//   ghd-gen-export ROWS [FIRST_NUMBER] > export.csv
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const char* kCategories[] = {"Demande technique", "Nuisibles", "Conflit de voisinage", "Propreté",
                             "Raccordement fibre", "Autre"};
const char* kSubjects[] = {"Chauffage", "Fuite", "Ascenseur", "Cafards", "Bruit", "Hall sale", "Fibre", "Attestation"};
const char* kMessages[] = {
    "Radiateurs froids dans tout l'appartement depuis dimanche",
    "\"Le mitigeur fuit; l'eau coule sous l'évier\"",
    "\"Ascenseur en panne.\nJe suis au 8ème avec mes courses\"",
    "Présence de cafards dans la cuisine depuis plusieurs semaines",
    "\"Musique très forte, le voisin dit \"\"c'est mon droit\"\"\"",
    "Le hall n'a pas été nettoyé depuis deux semaines, œufs écrasés",
    "Orange me dit que le raccordement fibre n'est pas possible",
    "Pouvez-vous m'envoyer une attestation de loyer pour la CAF ?",
};
const char* kAgencies[] = {"Agence Fontaine d'Ouche", "Agence Grésilles", "Agence Chenôve", "Agence Quetigny"};
const char* kDistricts[] = {"FO", "GR", "CH", "QU"};

// Days in each month of a non-leap and a leap year.
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[m - 1];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ghd-gen-export ROWS [FIRST_NUMBER]\n");
    return 64;
  }
  const long rows = std::atol(argv[1]);
  const long first = argc > 2 ? std::atol(argv[2]) : 1;
  std::fputs("\xEF\xBB\xBFN° demande;Date de création;Canal;Catégorie;Objet;Message;Réf. locataire;Réf. logement;"
             "Agence;Téléphone;Courriel\n", stdout);
  int y = 2020, mo = 1, d = 1, h = 0, mi = 0;
  unsigned seed = 12345;
  auto rnd = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (long i = 0; i < rows; ++i) {
    const long n = first + i;
    const unsigned r = rnd();
    const int district = int(r % 4);
    std::printf("AV-%04d-%07ld;%02d/%02d/%04d %02d:%02d;Agence virtuelle;%s;%s;%s;L%07u;%s-B%02u-%02u%02u;%s;06 %02u %02u %02u %02u;%s\n",
                y, n, d, mo, y, h, mi, kCategories[r % 6], kSubjects[r % 8], kMessages[(r >> 3) % 8],
                10000 + rnd() % 90000, kDistricts[district], 1 + rnd() % 16, rnd() % 12, 1 + rnd() % 8,
                kAgencies[district], rnd() % 100, rnd() % 100, rnd() % 100, rnd() % 100,
                (r & 1) ? "locataire@example.fr" : "");
    // About one request a minute, in time order.
    if (++mi == 60) {
      mi = 0;
      if (++h == 24) {
        h = 0;
        if (++d > days_in(y, mo)) {
          d = 1;
          if (++mo > 12) {
            mo = 1;
            ++y;
          }
        }
      }
    }
  }
  return 0;
}
