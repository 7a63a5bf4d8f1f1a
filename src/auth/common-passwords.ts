/**
 * Passwords too common to allow at sign-up (compared case-insensitively). Written from general knowledge of
 * the lists published after large leaks; only 8-16 characters matter, since shorter and longer ones are
 * refused by the length rule anyway. A module rather than a data file, so every build (tsc, Docker) has it.
 */
export const COMMON_PASSWORDS: readonly string[] = `
password password1 password12 password123 password1234 password! passw0rd p@ssw0rd p@ssword passw0rd1
Password1 Password123 12345678 123456789 1234567890 12345678910 87654321 987654321 0987654321 11111111
111111111 1111111111 00000000 000000000 12341234 11223344 12121212 123123123 123321123 1234512345
1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 1qaz2wsx 1qazxsw2 zaq12wsx zaq1zaq1 !qaz2wsx
qwertyui qwertyuiop qwerty12 qwerty123 qwerty1234 qwerty12345 qwertyu1 asdfghjk asdfghjkl asdf1234
asdfasdf zxcvbnm1 zxcvbnm123 zxcvbnmm qazwsxedc qweasdzxc qweqweqwe qwer1234 qwerasdf 1234qwer
1234asdf abcd1234 abc12345 abc123456 abcdefg1 abcdefgh abcdef12 a1234567 a12345678 a123456789
aa123456 aaaaaaaa aaaa1111 a1b2c3d4 a1s2d3f4 iloveyou iloveyou1 iloveyou2 loveyou1 lovelove
sunshine sunshine1 princess princess1 football football1 baseball baseball1 basketball superman
superman1 batman123 starwars starwars1 pokemon1 pokemon123 computer computer1 internet whatever
welcome1 welcome123 welcome12 letmein1 letmein123 trustno1 trustno12 master12 master123 mustang1
michael1 jennifer jordan23 shadow12 shadow123 monkey12 monkey123 dragon12 dragon123 charlie1
freedom1 whatever1 killer12 hello123 hello1234 helloworld hellohello 123hello login123 admin123
admin1234 administrator root1234 changeme changeme1 default1 secret12 secret123 security test1234
testtest tester12 test12345 guest123 user1234 demo1234 temp1234 pass1234 pass12345 passpass
mypassword mypass12 newpass1 newpassword chocolate cookie12 butterfly blink182 liverpool chelsea1
arsenal1 manchester barcelona football12 soccer12 hockey12 samsung1 samsung123 google123 naver123
kakao123 daum1234 apple123 iphone12 qwer!234 q1w2e3r4! 1234!@#$ !@#$%^&* !@#$1234 asdf!234
p@ssw0rd1 P@ssw0rd P@ssword1 Passw0rd Qwerty123 Qwerty12 Abcd1234 Aa123456 Aa12345678 Abc12345
Admin123 Welcome1 Welcome123 88888888 66666666 99999999 77777777 55555555 44444444 33333333
22222222 147258369 159753123 159357123 741852963 963852741 123654789 147852369 789456123 456789123
19801980 19901990 20002000 20202020 19951995 19941994 19931993 19921992 19911991 20012001
20102010 01012000 12345qwert 54321abc 1234abcd 12345abc 123abc123 abc123abc qwertyqwerty zxcvzxcv
asdasdasd qweqwe123 asdasd123 zxczxc123 1qa2ws3ed q2w3e4r5 w1e2r3t4 2wsx3edc 3edc4rfv zaqxswcde
qazwsx123 qazwsx12 wsxedc12 1q2w3e4r! sweetheart sweetie1 angel123 lovely12 babygirl babygirl1
loveme12 forever1 together family123 michelle jessica1 ashley12 nicole12 daniel12 andrew12
joshua12 matthew1 robert12 thomas12 hunter12 ranger12 tigger12 summer12 summer2024 summer2025
winter12 spring12 autumn12 monday12 friday13 january1 december newyork1 seoul123 korea123
korea1234 sarang12 saranghae iloveu12 gkswlwjd dkssud12 dkssudgktpdy qwerasdfzxcv 1234567a 12345678a
123456789a 1234567q 123456qwe 123qwe123 123qweasd 123qweasdzxc qwe123qwe qwe12345 asd12345 zxc12345
`
  .split(/\s+/)
  .filter(Boolean);
