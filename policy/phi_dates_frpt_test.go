package policy

import (
	"fmt"
	"strings"
	"testing"
)

// French and Portuguese month names make dates of birth and visits
// readable the way Spanish ones are: "née le 12 mars 1945", "nascido em
// 3 de julho de 1931", "rendez-vous le 14 juillet".
func TestFrenchPortugueseMonthDates(t *testing.T) {
	frMonths := []string{"janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	ptMonths := []string{"janeiro", "fevereiro", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}
	var msgs [][2]string
	for k, m := range frMonths {
		for _, d := range []string{fmt.Sprintf("%d %s %d", 3+k*2, m, 1931+k), fmt.Sprintf("%d %s", 1+k*2, m)} {
			for _, f := range []string{"ma mère est née le %s", "né le %s, merci", "date de naissance : %s", "rendez-vous le %s à 9h", "Bonjour, c'est pour mon père (né le %s)"} {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", d, 1), d})
			}
		}
	}
	for k, m := range ptMonths {
		for _, d := range []string{fmt.Sprintf("%d de %s de %d", 2+k*2, m, 1940+k), fmt.Sprintf("%d de %s", 5+k, m)} {
			for _, f := range []string{"minha mãe nasceu em %s", "data de nascimento %s", "consulta dia %s", "ela nasceu no dia %s, obrigada"} {
				msgs = append(msgs, [2]string{strings.Replace(f, "%s", d, 1), d})
			}
		}
	}
	checkWhole(t, msgs)
}

// The new month words stay words where no day or year is beside them.
func TestFrenchPortugueseMonthLookalikes(t *testing.T) {
	checkClean(t, "on se voit en juillet pour le bilan", "the Mars bar in the vending machine is sold out",
		"a clínica fecha em agosto para reforma", "em setembro temos vacinas para todos",
		"le cabinet est fermé en août", "ouvert du lundi au vendredi, sauf en décembre")
}
